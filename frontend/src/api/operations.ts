// Every GraphQL operation the UI sends. Types come from `npm run codegen` (src/gql/).
import { graphql } from '../gql';

export const SystemQuery = graphql(`
  query System {
    system { up version resticVersion components { name up embedded detail } }
  }
`);

export const InstancesQuery = graphql(`
  query Instances($includeEnded: Boolean) {
    instances(includeEnded: $includeEnded) {
      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status
      terminationReason createdAt readyAt destroyedAt
    }
  }
`);

export const DestroyInstanceMutation = graphql(`
  mutation DestroyInstance($id: ID!) {
    destroyInstance(id: $id) { id status terminationReason }
  }
`);

export const OffersQuery = graphql(`
  query Offers($filter: OfferFilterInput, $sort: OfferSort, $offset: Int, $limit: Int) {
    offers(filter: $filter, sort: $sort, offset: $offset, limit: $limit) {
      total offset limit
      errors { provider message }
      items {
        provider offerId hostId gpuModel gpuCount gpuRamMb cpuCores ramMb diskGb pricePerHour region
        reliability inetDownMbps inetUpMbps cudaVersion verified hostBootP50Seconds hostBoots hostFailureRate
        defaultImage defaultDiskGb
      }
    }
  }
`);

export const CreateInstanceMutation = graphql(`
  mutation CreateInstance($input: CreateInstanceInput!) {
    createInstance(input: $input) { id status }
  }
`);

export const StartLaunchRaceMutation = graphql(`
  mutation StartLaunchRace($input: LaunchRaceInput!) {
    startLaunchRace(input: $input) { id status }
  }
`);

export const LaunchRaceQuery = graphql(`
  query LaunchRace($id: ID!) {
    launchRace(id: $id) {
      id status createdAt finishedAt error losersCost timeToReadySeconds reactionMs snapshotId
      waveSize waveIntervalSeconds maxWaves wavesLaunched winnerCandidateId winnerInstanceId winnerHostId
      candidates {
        id hostId provider offerId wave status providerState launchedAt readyAt destroyedAt aliveSeconds
        bootSeconds cost pricePerHour instanceId terminationReason error
      }
    }
  }
`);

export const LaunchRacesQuery = graphql(`
  query LaunchRaces($limit: Int) {
    launchRaces(includeFinished: true, limit: $limit) {
      id status createdAt finishedAt timeToReadySeconds losersCost wavesLaunched winnerHostId snapshotId error
    }
  }
`);

export const CancelLaunchRaceMutation = graphql(`
  mutation CancelLaunchRace($id: ID!) {
    cancelLaunchRace(id: $id) { id status }
  }
`);

export const LaunchRaceProgressSubscription = graphql(`
  subscription LaunchRaceProgress($id: ID!) {
    launchRaceProgress(id: $id) {
      type seq at terminal raceStatus wave hosts candidateId provider hostId candidateStatus providerState
      elapsedSeconds terminationReason cost losersCost message
      race {
        status createdAt finishedAt error losersCost timeToReadySeconds winnerCandidateId
        waveSize waveIntervalSeconds maxWaves wavesLaunched
        candidates {
          id hostId provider wave status providerState launchedAt readyAt destroyedAt aliveSeconds bootSeconds
          cost pricePerHour instanceId terminationReason error
        }
      }
    }
  }
`);

export const SnapshotsQuery = graphql(`
  query Snapshots($instanceId: ID, $dedupe: Boolean, $offset: Int, $limit: Int) {
    snapshots(instanceId: $instanceId, dedupe: $dedupe, offset: $offset, limit: $limit) {
      id instanceId kind description status error createdAt finishedAt expiresAt totalBytes addedBytes
      fileCount sameContentCount treeHash
      drill { drillId drilledAt status durationMs bytesFetched downloadCost error }
    }
  }
`);

export const CreateSnapshotMutation = graphql(`
  mutation CreateSnapshot($instanceId: ID!, $description: String) {
    createSnapshot(instanceId: $instanceId, description: $description) { id status instanceId }
  }
`);

export const DeleteSnapshotMutation = graphql(`
  mutation DeleteSnapshot($id: ID!) {
    deleteSnapshot(id: $id) { id status }
  }
`);

export const SnapshotProgressSubscription = graphql(`
  subscription SnapshotProgress($id: ID!) {
    snapshotProgress(id: $id) { seq type percentDone filesDone totalFiles bytesDone totalBytes secondsRemaining done }
  }
`);

export const BackupPolicyQuery = graphql(`
  query BackupPolicy($instanceId: ID!) {
    backupPolicy(instanceId: $instanceId) {
      instanceId enabled frequencyMinutes retentionDays manualRetentionDays safetyRetentionDays includePaths excludePaths nextRunAt
    }
  }
`);

export const ConfigureBackupsMutation = graphql(`
  mutation ConfigureBackups($instanceId: ID!, $frequencyMinutes: Int!, $retentionDays: Int!,
      $includePaths: [String], $excludePaths: [String], $enabled: Boolean) {
    configureBackups(instanceId: $instanceId, frequencyMinutes: $frequencyMinutes, retentionDays: $retentionDays,
        includePaths: $includePaths, excludePaths: $excludePaths, enabled: $enabled) {
      instanceId enabled frequencyMinutes retentionDays includePaths excludePaths nextRunAt
    }
  }
`);

export const RestoreSnapshotMutation = graphql(`
  mutation RestoreSnapshot($input: RestoreInput!) {
    restoreSnapshot(input: $input) { id phase instanceId raceId }
  }
`);

export const RestoreJobQuery = graphql(`
  query RestoreJob($id: ID!) {
    restoreJob(id: $id) {
      id snapshotId instanceId raceId phase attempts bytesDone bytesTotal filesDone filesTotal createdAt
      usableAt finishedAt error
    }
  }
`);

export const RestoreJobsQuery = graphql(`
  query RestoreJobs {
    restoreJobs {
      id snapshotId instanceId raceId phase bytesDone bytesTotal createdAt usableAt finishedAt error
    }
  }
`);

export const RestoreProgressSubscription = graphql(`
  subscription RestoreProgress($id: ID!) {
    restoreProgress(id: $id) {
      phase bytesDone bytesTotal filesDone filesTotal bytesPerSecond etaSeconds usableAt error
    }
  }
`);

export const StorageQuery = graphql(`
  query Storage {
    storageUsage {
      bytes objects fullRestoreDownloadCost
      monthly { bytes gigabytes monthlyCost tiers { name gigabytes ratePerGb monthlyCost } }
    }
  }
`);

export const HostStatsQuery = graphql(`
  query HostStats($provider: String, $limit: Int) {
    hostStats(provider: $provider, limit: $limit) {
      provider hostId boots censored lostRaces failures failureRate bootP50Seconds bootP90Seconds lastSeenAt
    }
  }
`);

export const FailoversQuery = graphql(`
  query Failovers($instanceId: ID, $activeOnly: Boolean, $limit: Int) {
    failovers(instanceId: $instanceId, activeOnly: $activeOnly, limit: $limit) {
      id instanceId trigger status detail error attempts maxAttempts nextAttemptAt preSnapshotId snapshotId
      newInstanceId lostPricePerHour newPricePerHour createdAt usableAt finishedAt secondsToUsable
      lostInstance { id hostId gpuModel status terminationReason costSoFar }
      newInstance { id hostId gpuModel status costSoFar }
    }
  }
`);

export const MoveInstanceMutation = graphql(`
  mutation MoveInstance($instanceId: ID!) {
    moveInstance(instanceId: $instanceId) { id status trigger }
  }
`);

export const RestoreDrillsQuery = graphql(`
  query RestoreDrills($limit: Int) {
    restoreDrills(limit: $limit) {
      id trigger status checkSubset checkOk checkError snapshotsDrilled snapshotsFailed bytesFetched downloadCost
      error startedAt finishedAt durationMs
    }
  }
`);

export const StartRestoreDrillMutation = graphql(`
  mutation StartRestoreDrill {
    startRestoreDrill { id status }
  }
`);

export const InstanceConnectionQuery = graphql(`
  query InstanceConnection($id: ID!) {
    instance(id: $id) {
      id provider hostId gpuModel status
      connection {
        host port user hostKey hostKeyFingerprint sshCommand knownHostsLine
        ports { privatePort protocol host publicPort url }
      }
    }
  }
`);

export const SshKeysQuery = graphql(`
  query SshKeys {
    sshKeys { id name keyType bits publicKey fingerprint createdAt }
  }
`);

export const AddSshKeyMutation = graphql(`
  mutation AddSshKey($name: String, $publicKey: String!) {
    addSshKey(name: $name, publicKey: $publicKey) {
      key { id name fingerprint }
      machines { instanceId installed error }
    }
  }
`);

export const RemoveSshKeyMutation = graphql(`
  mutation RemoveSshKey($id: ID!) {
    removeSshKey(id: $id)
  }
`);

export const TerminalSessionsQuery = graphql(`
  query TerminalSessions {
    terminalSessions(limit: 20) { id username instanceId startedAt endedAt durationSeconds endReason }
  }
`);

export const InstanceQuery = graphql(`
  query Instance($id: ID!) {
    instance(id: $id) {
      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status
      terminationReason createdAt readyAt destroyedAt
    }
  }
`);

export const LaunchRacePreviewQuery = graphql(`
  query LaunchRacePreview($input: LaunchRaceInput!) {
    launchRacePreview(input: $input) {
      matchingOffers machines billedSecondsPerMachine worstCaseCost rankedBy maxPricePerHour maxRaceCost withinCap
      waves { wave startsAfterSeconds pricePerHour offers { provider offerId hostId gpuModel gpuCount pricePerHour } }
    }
  }
`);
