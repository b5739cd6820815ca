/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query System {\n    system { up version resticVersion components { name up embedded detail } }\n  }\n": typeof types.SystemDocument,
    "\n  query Instances($includeEnded: Boolean) {\n    instances(includeEnded: $includeEnded) {\n      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status\n      terminationReason createdAt readyAt destroyedAt\n    }\n  }\n": typeof types.InstancesDocument,
    "\n  mutation DestroyInstance($id: ID!) {\n    destroyInstance(id: $id) { id status terminationReason }\n  }\n": typeof types.DestroyInstanceDocument,
    "\n  query Offers($filter: OfferFilterInput, $sort: OfferSort, $offset: Int, $limit: Int) {\n    offers(filter: $filter, sort: $sort, offset: $offset, limit: $limit) {\n      total offset limit\n      errors { provider message }\n      items {\n        provider offerId hostId gpuModel gpuCount gpuRamMb cpuCores ramMb diskGb pricePerHour region\n        reliability inetDownMbps inetUpMbps cudaVersion verified hostBootP50Seconds hostBoots hostFailureRate\n        defaultImage defaultDiskGb\n      }\n    }\n  }\n": typeof types.OffersDocument,
    "\n  mutation CreateInstance($input: CreateInstanceInput!) {\n    createInstance(input: $input) { id status }\n  }\n": typeof types.CreateInstanceDocument,
    "\n  mutation StartLaunchRace($input: LaunchRaceInput!) {\n    startLaunchRace(input: $input) { id status }\n  }\n": typeof types.StartLaunchRaceDocument,
    "\n  query LaunchRace($id: ID!) {\n    launchRace(id: $id) {\n      id status createdAt finishedAt error losersCost timeToReadySeconds reactionMs snapshotId\n      waveSize waveIntervalSeconds maxWaves wavesLaunched winnerCandidateId winnerInstanceId winnerHostId\n      candidates {\n        id hostId provider offerId wave status providerState launchedAt readyAt destroyedAt aliveSeconds\n        bootSeconds cost pricePerHour instanceId terminationReason error\n      }\n    }\n  }\n": typeof types.LaunchRaceDocument,
    "\n  query LaunchRaces($limit: Int) {\n    launchRaces(includeFinished: true, limit: $limit) {\n      id status createdAt finishedAt timeToReadySeconds losersCost wavesLaunched winnerHostId snapshotId error\n    }\n  }\n": typeof types.LaunchRacesDocument,
    "\n  mutation CancelLaunchRace($id: ID!) {\n    cancelLaunchRace(id: $id) { id status }\n  }\n": typeof types.CancelLaunchRaceDocument,
    "\n  subscription LaunchRaceProgress($id: ID!) {\n    launchRaceProgress(id: $id) {\n      type seq at terminal raceStatus wave hosts candidateId provider hostId candidateStatus providerState\n      elapsedSeconds terminationReason cost losersCost message\n      race {\n        status createdAt finishedAt error losersCost timeToReadySeconds winnerCandidateId\n        waveSize waveIntervalSeconds maxWaves wavesLaunched\n        candidates {\n          id hostId provider wave status providerState launchedAt readyAt destroyedAt aliveSeconds bootSeconds\n          cost pricePerHour instanceId terminationReason error\n        }\n      }\n    }\n  }\n": typeof types.LaunchRaceProgressDocument,
    "\n  query Snapshots($instanceId: ID, $dedupe: Boolean, $offset: Int, $limit: Int) {\n    snapshots(instanceId: $instanceId, dedupe: $dedupe, offset: $offset, limit: $limit) {\n      id instanceId kind description status error createdAt finishedAt expiresAt totalBytes addedBytes\n      fileCount sameContentCount treeHash\n      drill { drillId drilledAt status durationMs bytesFetched downloadCost error }\n    }\n  }\n": typeof types.SnapshotsDocument,
    "\n  mutation CreateSnapshot($instanceId: ID!, $description: String) {\n    createSnapshot(instanceId: $instanceId, description: $description) { id status instanceId }\n  }\n": typeof types.CreateSnapshotDocument,
    "\n  mutation DeleteSnapshot($id: ID!) {\n    deleteSnapshot(id: $id) { id status }\n  }\n": typeof types.DeleteSnapshotDocument,
    "\n  subscription SnapshotProgress($id: ID!) {\n    snapshotProgress(id: $id) { seq type percentDone filesDone totalFiles bytesDone totalBytes secondsRemaining done }\n  }\n": typeof types.SnapshotProgressDocument,
    "\n  query BackupPolicy($instanceId: ID!) {\n    backupPolicy(instanceId: $instanceId) {\n      instanceId enabled frequencyMinutes retentionDays manualRetentionDays safetyRetentionDays includePaths excludePaths nextRunAt\n    }\n  }\n": typeof types.BackupPolicyDocument,
    "\n  mutation ConfigureBackups($instanceId: ID!, $frequencyMinutes: Int!, $retentionDays: Int!,\n      $includePaths: [String], $excludePaths: [String], $enabled: Boolean) {\n    configureBackups(instanceId: $instanceId, frequencyMinutes: $frequencyMinutes, retentionDays: $retentionDays,\n        includePaths: $includePaths, excludePaths: $excludePaths, enabled: $enabled) {\n      instanceId enabled frequencyMinutes retentionDays includePaths excludePaths nextRunAt\n    }\n  }\n": typeof types.ConfigureBackupsDocument,
    "\n  mutation RestoreSnapshot($input: RestoreInput!) {\n    restoreSnapshot(input: $input) { id phase instanceId raceId }\n  }\n": typeof types.RestoreSnapshotDocument,
    "\n  query RestoreJob($id: ID!) {\n    restoreJob(id: $id) {\n      id snapshotId instanceId raceId phase attempts bytesDone bytesTotal filesDone filesTotal createdAt\n      usableAt finishedAt error\n    }\n  }\n": typeof types.RestoreJobDocument,
    "\n  query RestoreJobs {\n    restoreJobs {\n      id snapshotId instanceId raceId phase bytesDone bytesTotal createdAt usableAt finishedAt error\n    }\n  }\n": typeof types.RestoreJobsDocument,
    "\n  subscription RestoreProgress($id: ID!) {\n    restoreProgress(id: $id) {\n      phase bytesDone bytesTotal filesDone filesTotal bytesPerSecond etaSeconds usableAt error\n    }\n  }\n": typeof types.RestoreProgressDocument,
    "\n  query Storage {\n    storageUsage {\n      bytes objects fullRestoreDownloadCost\n      monthly { bytes gigabytes monthlyCost tiers { name gigabytes ratePerGb monthlyCost } }\n    }\n  }\n": typeof types.StorageDocument,
    "\n  query HostStats($provider: String, $limit: Int) {\n    hostStats(provider: $provider, limit: $limit) {\n      provider hostId boots censored lostRaces failures failureRate bootP50Seconds bootP90Seconds lastSeenAt\n    }\n  }\n": typeof types.HostStatsDocument,
    "\n  query Failovers($instanceId: ID, $activeOnly: Boolean, $limit: Int) {\n    failovers(instanceId: $instanceId, activeOnly: $activeOnly, limit: $limit) {\n      id instanceId trigger status detail error attempts maxAttempts nextAttemptAt preSnapshotId snapshotId\n      newInstanceId lostPricePerHour newPricePerHour createdAt usableAt finishedAt secondsToUsable\n      lostInstance { id hostId gpuModel status terminationReason costSoFar }\n      newInstance { id hostId gpuModel status costSoFar }\n    }\n  }\n": typeof types.FailoversDocument,
    "\n  mutation MoveInstance($instanceId: ID!) {\n    moveInstance(instanceId: $instanceId) { id status trigger }\n  }\n": typeof types.MoveInstanceDocument,
    "\n  query RestoreDrills($limit: Int) {\n    restoreDrills(limit: $limit) {\n      id trigger status checkSubset checkOk checkError snapshotsDrilled snapshotsFailed bytesFetched downloadCost\n      error startedAt finishedAt durationMs\n    }\n  }\n": typeof types.RestoreDrillsDocument,
    "\n  mutation StartRestoreDrill {\n    startRestoreDrill { id status }\n  }\n": typeof types.StartRestoreDrillDocument,
    "\n  query InstanceConnection($id: ID!) {\n    instance(id: $id) {\n      id provider hostId gpuModel status\n      connection {\n        host port user hostKey hostKeyFingerprint sshCommand knownHostsLine\n        ports { privatePort protocol host publicPort url }\n      }\n    }\n  }\n": typeof types.InstanceConnectionDocument,
    "\n  query SshKeys {\n    sshKeys { id name keyType bits publicKey fingerprint createdAt }\n  }\n": typeof types.SshKeysDocument,
    "\n  mutation AddSshKey($name: String, $publicKey: String!) {\n    addSshKey(name: $name, publicKey: $publicKey) {\n      key { id name fingerprint }\n      machines { instanceId installed error }\n    }\n  }\n": typeof types.AddSshKeyDocument,
    "\n  mutation RemoveSshKey($id: ID!) {\n    removeSshKey(id: $id)\n  }\n": typeof types.RemoveSshKeyDocument,
    "\n  query TerminalSessions {\n    terminalSessions(limit: 20) { id username instanceId startedAt endedAt durationSeconds endReason }\n  }\n": typeof types.TerminalSessionsDocument,
    "\n  query Instance($id: ID!) {\n    instance(id: $id) {\n      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status\n      terminationReason createdAt readyAt destroyedAt\n    }\n  }\n": typeof types.InstanceDocument,
    "\n  query LaunchRacePreview($input: LaunchRaceInput!) {\n    launchRacePreview(input: $input) {\n      matchingOffers machines billedSecondsPerMachine worstCaseCost rankedBy maxPricePerHour maxRaceCost withinCap\n      waves { wave startsAfterSeconds pricePerHour offers { provider offerId hostId gpuModel gpuCount pricePerHour } }\n    }\n  }\n": typeof types.LaunchRacePreviewDocument,
};
const documents: Documents = {
    "\n  query System {\n    system { up version resticVersion components { name up embedded detail } }\n  }\n": types.SystemDocument,
    "\n  query Instances($includeEnded: Boolean) {\n    instances(includeEnded: $includeEnded) {\n      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status\n      terminationReason createdAt readyAt destroyedAt\n    }\n  }\n": types.InstancesDocument,
    "\n  mutation DestroyInstance($id: ID!) {\n    destroyInstance(id: $id) { id status terminationReason }\n  }\n": types.DestroyInstanceDocument,
    "\n  query Offers($filter: OfferFilterInput, $sort: OfferSort, $offset: Int, $limit: Int) {\n    offers(filter: $filter, sort: $sort, offset: $offset, limit: $limit) {\n      total offset limit\n      errors { provider message }\n      items {\n        provider offerId hostId gpuModel gpuCount gpuRamMb cpuCores ramMb diskGb pricePerHour region\n        reliability inetDownMbps inetUpMbps cudaVersion verified hostBootP50Seconds hostBoots hostFailureRate\n        defaultImage defaultDiskGb\n      }\n    }\n  }\n": types.OffersDocument,
    "\n  mutation CreateInstance($input: CreateInstanceInput!) {\n    createInstance(input: $input) { id status }\n  }\n": types.CreateInstanceDocument,
    "\n  mutation StartLaunchRace($input: LaunchRaceInput!) {\n    startLaunchRace(input: $input) { id status }\n  }\n": types.StartLaunchRaceDocument,
    "\n  query LaunchRace($id: ID!) {\n    launchRace(id: $id) {\n      id status createdAt finishedAt error losersCost timeToReadySeconds reactionMs snapshotId\n      waveSize waveIntervalSeconds maxWaves wavesLaunched winnerCandidateId winnerInstanceId winnerHostId\n      candidates {\n        id hostId provider offerId wave status providerState launchedAt readyAt destroyedAt aliveSeconds\n        bootSeconds cost pricePerHour instanceId terminationReason error\n      }\n    }\n  }\n": types.LaunchRaceDocument,
    "\n  query LaunchRaces($limit: Int) {\n    launchRaces(includeFinished: true, limit: $limit) {\n      id status createdAt finishedAt timeToReadySeconds losersCost wavesLaunched winnerHostId snapshotId error\n    }\n  }\n": types.LaunchRacesDocument,
    "\n  mutation CancelLaunchRace($id: ID!) {\n    cancelLaunchRace(id: $id) { id status }\n  }\n": types.CancelLaunchRaceDocument,
    "\n  subscription LaunchRaceProgress($id: ID!) {\n    launchRaceProgress(id: $id) {\n      type seq at terminal raceStatus wave hosts candidateId provider hostId candidateStatus providerState\n      elapsedSeconds terminationReason cost losersCost message\n      race {\n        status createdAt finishedAt error losersCost timeToReadySeconds winnerCandidateId\n        waveSize waveIntervalSeconds maxWaves wavesLaunched\n        candidates {\n          id hostId provider wave status providerState launchedAt readyAt destroyedAt aliveSeconds bootSeconds\n          cost pricePerHour instanceId terminationReason error\n        }\n      }\n    }\n  }\n": types.LaunchRaceProgressDocument,
    "\n  query Snapshots($instanceId: ID, $dedupe: Boolean, $offset: Int, $limit: Int) {\n    snapshots(instanceId: $instanceId, dedupe: $dedupe, offset: $offset, limit: $limit) {\n      id instanceId kind description status error createdAt finishedAt expiresAt totalBytes addedBytes\n      fileCount sameContentCount treeHash\n      drill { drillId drilledAt status durationMs bytesFetched downloadCost error }\n    }\n  }\n": types.SnapshotsDocument,
    "\n  mutation CreateSnapshot($instanceId: ID!, $description: String) {\n    createSnapshot(instanceId: $instanceId, description: $description) { id status instanceId }\n  }\n": types.CreateSnapshotDocument,
    "\n  mutation DeleteSnapshot($id: ID!) {\n    deleteSnapshot(id: $id) { id status }\n  }\n": types.DeleteSnapshotDocument,
    "\n  subscription SnapshotProgress($id: ID!) {\n    snapshotProgress(id: $id) { seq type percentDone filesDone totalFiles bytesDone totalBytes secondsRemaining done }\n  }\n": types.SnapshotProgressDocument,
    "\n  query BackupPolicy($instanceId: ID!) {\n    backupPolicy(instanceId: $instanceId) {\n      instanceId enabled frequencyMinutes retentionDays manualRetentionDays safetyRetentionDays includePaths excludePaths nextRunAt\n    }\n  }\n": types.BackupPolicyDocument,
    "\n  mutation ConfigureBackups($instanceId: ID!, $frequencyMinutes: Int!, $retentionDays: Int!,\n      $includePaths: [String], $excludePaths: [String], $enabled: Boolean) {\n    configureBackups(instanceId: $instanceId, frequencyMinutes: $frequencyMinutes, retentionDays: $retentionDays,\n        includePaths: $includePaths, excludePaths: $excludePaths, enabled: $enabled) {\n      instanceId enabled frequencyMinutes retentionDays includePaths excludePaths nextRunAt\n    }\n  }\n": types.ConfigureBackupsDocument,
    "\n  mutation RestoreSnapshot($input: RestoreInput!) {\n    restoreSnapshot(input: $input) { id phase instanceId raceId }\n  }\n": types.RestoreSnapshotDocument,
    "\n  query RestoreJob($id: ID!) {\n    restoreJob(id: $id) {\n      id snapshotId instanceId raceId phase attempts bytesDone bytesTotal filesDone filesTotal createdAt\n      usableAt finishedAt error\n    }\n  }\n": types.RestoreJobDocument,
    "\n  query RestoreJobs {\n    restoreJobs {\n      id snapshotId instanceId raceId phase bytesDone bytesTotal createdAt usableAt finishedAt error\n    }\n  }\n": types.RestoreJobsDocument,
    "\n  subscription RestoreProgress($id: ID!) {\n    restoreProgress(id: $id) {\n      phase bytesDone bytesTotal filesDone filesTotal bytesPerSecond etaSeconds usableAt error\n    }\n  }\n": types.RestoreProgressDocument,
    "\n  query Storage {\n    storageUsage {\n      bytes objects fullRestoreDownloadCost\n      monthly { bytes gigabytes monthlyCost tiers { name gigabytes ratePerGb monthlyCost } }\n    }\n  }\n": types.StorageDocument,
    "\n  query HostStats($provider: String, $limit: Int) {\n    hostStats(provider: $provider, limit: $limit) {\n      provider hostId boots censored lostRaces failures failureRate bootP50Seconds bootP90Seconds lastSeenAt\n    }\n  }\n": types.HostStatsDocument,
    "\n  query Failovers($instanceId: ID, $activeOnly: Boolean, $limit: Int) {\n    failovers(instanceId: $instanceId, activeOnly: $activeOnly, limit: $limit) {\n      id instanceId trigger status detail error attempts maxAttempts nextAttemptAt preSnapshotId snapshotId\n      newInstanceId lostPricePerHour newPricePerHour createdAt usableAt finishedAt secondsToUsable\n      lostInstance { id hostId gpuModel status terminationReason costSoFar }\n      newInstance { id hostId gpuModel status costSoFar }\n    }\n  }\n": types.FailoversDocument,
    "\n  mutation MoveInstance($instanceId: ID!) {\n    moveInstance(instanceId: $instanceId) { id status trigger }\n  }\n": types.MoveInstanceDocument,
    "\n  query RestoreDrills($limit: Int) {\n    restoreDrills(limit: $limit) {\n      id trigger status checkSubset checkOk checkError snapshotsDrilled snapshotsFailed bytesFetched downloadCost\n      error startedAt finishedAt durationMs\n    }\n  }\n": types.RestoreDrillsDocument,
    "\n  mutation StartRestoreDrill {\n    startRestoreDrill { id status }\n  }\n": types.StartRestoreDrillDocument,
    "\n  query InstanceConnection($id: ID!) {\n    instance(id: $id) {\n      id provider hostId gpuModel status\n      connection {\n        host port user hostKey hostKeyFingerprint sshCommand knownHostsLine\n        ports { privatePort protocol host publicPort url }\n      }\n    }\n  }\n": types.InstanceConnectionDocument,
    "\n  query SshKeys {\n    sshKeys { id name keyType bits publicKey fingerprint createdAt }\n  }\n": types.SshKeysDocument,
    "\n  mutation AddSshKey($name: String, $publicKey: String!) {\n    addSshKey(name: $name, publicKey: $publicKey) {\n      key { id name fingerprint }\n      machines { instanceId installed error }\n    }\n  }\n": types.AddSshKeyDocument,
    "\n  mutation RemoveSshKey($id: ID!) {\n    removeSshKey(id: $id)\n  }\n": types.RemoveSshKeyDocument,
    "\n  query TerminalSessions {\n    terminalSessions(limit: 20) { id username instanceId startedAt endedAt durationSeconds endReason }\n  }\n": types.TerminalSessionsDocument,
    "\n  query Instance($id: ID!) {\n    instance(id: $id) {\n      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status\n      terminationReason createdAt readyAt destroyedAt\n    }\n  }\n": types.InstanceDocument,
    "\n  query LaunchRacePreview($input: LaunchRaceInput!) {\n    launchRacePreview(input: $input) {\n      matchingOffers machines billedSecondsPerMachine worstCaseCost rankedBy maxPricePerHour maxRaceCost withinCap\n      waves { wave startsAfterSeconds pricePerHour offers { provider offerId hostId gpuModel gpuCount pricePerHour } }\n    }\n  }\n": types.LaunchRacePreviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query System {\n    system { up version resticVersion components { name up embedded detail } }\n  }\n"): (typeof documents)["\n  query System {\n    system { up version resticVersion components { name up embedded detail } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Instances($includeEnded: Boolean) {\n    instances(includeEnded: $includeEnded) {\n      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status\n      terminationReason createdAt readyAt destroyedAt\n    }\n  }\n"): (typeof documents)["\n  query Instances($includeEnded: Boolean) {\n    instances(includeEnded: $includeEnded) {\n      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status\n      terminationReason createdAt readyAt destroyedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DestroyInstance($id: ID!) {\n    destroyInstance(id: $id) { id status terminationReason }\n  }\n"): (typeof documents)["\n  mutation DestroyInstance($id: ID!) {\n    destroyInstance(id: $id) { id status terminationReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Offers($filter: OfferFilterInput, $sort: OfferSort, $offset: Int, $limit: Int) {\n    offers(filter: $filter, sort: $sort, offset: $offset, limit: $limit) {\n      total offset limit\n      errors { provider message }\n      items {\n        provider offerId hostId gpuModel gpuCount gpuRamMb cpuCores ramMb diskGb pricePerHour region\n        reliability inetDownMbps inetUpMbps cudaVersion verified hostBootP50Seconds hostBoots hostFailureRate\n        defaultImage defaultDiskGb\n      }\n    }\n  }\n"): (typeof documents)["\n  query Offers($filter: OfferFilterInput, $sort: OfferSort, $offset: Int, $limit: Int) {\n    offers(filter: $filter, sort: $sort, offset: $offset, limit: $limit) {\n      total offset limit\n      errors { provider message }\n      items {\n        provider offerId hostId gpuModel gpuCount gpuRamMb cpuCores ramMb diskGb pricePerHour region\n        reliability inetDownMbps inetUpMbps cudaVersion verified hostBootP50Seconds hostBoots hostFailureRate\n        defaultImage defaultDiskGb\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInstance($input: CreateInstanceInput!) {\n    createInstance(input: $input) { id status }\n  }\n"): (typeof documents)["\n  mutation CreateInstance($input: CreateInstanceInput!) {\n    createInstance(input: $input) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartLaunchRace($input: LaunchRaceInput!) {\n    startLaunchRace(input: $input) { id status }\n  }\n"): (typeof documents)["\n  mutation StartLaunchRace($input: LaunchRaceInput!) {\n    startLaunchRace(input: $input) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LaunchRace($id: ID!) {\n    launchRace(id: $id) {\n      id status createdAt finishedAt error losersCost timeToReadySeconds reactionMs snapshotId\n      waveSize waveIntervalSeconds maxWaves wavesLaunched winnerCandidateId winnerInstanceId winnerHostId\n      candidates {\n        id hostId provider offerId wave status providerState launchedAt readyAt destroyedAt aliveSeconds\n        bootSeconds cost pricePerHour instanceId terminationReason error\n      }\n    }\n  }\n"): (typeof documents)["\n  query LaunchRace($id: ID!) {\n    launchRace(id: $id) {\n      id status createdAt finishedAt error losersCost timeToReadySeconds reactionMs snapshotId\n      waveSize waveIntervalSeconds maxWaves wavesLaunched winnerCandidateId winnerInstanceId winnerHostId\n      candidates {\n        id hostId provider offerId wave status providerState launchedAt readyAt destroyedAt aliveSeconds\n        bootSeconds cost pricePerHour instanceId terminationReason error\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LaunchRaces($limit: Int) {\n    launchRaces(includeFinished: true, limit: $limit) {\n      id status createdAt finishedAt timeToReadySeconds losersCost wavesLaunched winnerHostId snapshotId error\n    }\n  }\n"): (typeof documents)["\n  query LaunchRaces($limit: Int) {\n    launchRaces(includeFinished: true, limit: $limit) {\n      id status createdAt finishedAt timeToReadySeconds losersCost wavesLaunched winnerHostId snapshotId error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelLaunchRace($id: ID!) {\n    cancelLaunchRace(id: $id) { id status }\n  }\n"): (typeof documents)["\n  mutation CancelLaunchRace($id: ID!) {\n    cancelLaunchRace(id: $id) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LaunchRaceProgress($id: ID!) {\n    launchRaceProgress(id: $id) {\n      type seq at terminal raceStatus wave hosts candidateId provider hostId candidateStatus providerState\n      elapsedSeconds terminationReason cost losersCost message\n      race {\n        status createdAt finishedAt error losersCost timeToReadySeconds winnerCandidateId\n        waveSize waveIntervalSeconds maxWaves wavesLaunched\n        candidates {\n          id hostId provider wave status providerState launchedAt readyAt destroyedAt aliveSeconds bootSeconds\n          cost pricePerHour instanceId terminationReason error\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LaunchRaceProgress($id: ID!) {\n    launchRaceProgress(id: $id) {\n      type seq at terminal raceStatus wave hosts candidateId provider hostId candidateStatus providerState\n      elapsedSeconds terminationReason cost losersCost message\n      race {\n        status createdAt finishedAt error losersCost timeToReadySeconds winnerCandidateId\n        waveSize waveIntervalSeconds maxWaves wavesLaunched\n        candidates {\n          id hostId provider wave status providerState launchedAt readyAt destroyedAt aliveSeconds bootSeconds\n          cost pricePerHour instanceId terminationReason error\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Snapshots($instanceId: ID, $dedupe: Boolean, $offset: Int, $limit: Int) {\n    snapshots(instanceId: $instanceId, dedupe: $dedupe, offset: $offset, limit: $limit) {\n      id instanceId kind description status error createdAt finishedAt expiresAt totalBytes addedBytes\n      fileCount sameContentCount treeHash\n      drill { drillId drilledAt status durationMs bytesFetched downloadCost error }\n    }\n  }\n"): (typeof documents)["\n  query Snapshots($instanceId: ID, $dedupe: Boolean, $offset: Int, $limit: Int) {\n    snapshots(instanceId: $instanceId, dedupe: $dedupe, offset: $offset, limit: $limit) {\n      id instanceId kind description status error createdAt finishedAt expiresAt totalBytes addedBytes\n      fileCount sameContentCount treeHash\n      drill { drillId drilledAt status durationMs bytesFetched downloadCost error }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSnapshot($instanceId: ID!, $description: String) {\n    createSnapshot(instanceId: $instanceId, description: $description) { id status instanceId }\n  }\n"): (typeof documents)["\n  mutation CreateSnapshot($instanceId: ID!, $description: String) {\n    createSnapshot(instanceId: $instanceId, description: $description) { id status instanceId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSnapshot($id: ID!) {\n    deleteSnapshot(id: $id) { id status }\n  }\n"): (typeof documents)["\n  mutation DeleteSnapshot($id: ID!) {\n    deleteSnapshot(id: $id) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SnapshotProgress($id: ID!) {\n    snapshotProgress(id: $id) { seq type percentDone filesDone totalFiles bytesDone totalBytes secondsRemaining done }\n  }\n"): (typeof documents)["\n  subscription SnapshotProgress($id: ID!) {\n    snapshotProgress(id: $id) { seq type percentDone filesDone totalFiles bytesDone totalBytes secondsRemaining done }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BackupPolicy($instanceId: ID!) {\n    backupPolicy(instanceId: $instanceId) {\n      instanceId enabled frequencyMinutes retentionDays manualRetentionDays safetyRetentionDays includePaths excludePaths nextRunAt\n    }\n  }\n"): (typeof documents)["\n  query BackupPolicy($instanceId: ID!) {\n    backupPolicy(instanceId: $instanceId) {\n      instanceId enabled frequencyMinutes retentionDays manualRetentionDays safetyRetentionDays includePaths excludePaths nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfigureBackups($instanceId: ID!, $frequencyMinutes: Int!, $retentionDays: Int!,\n      $includePaths: [String], $excludePaths: [String], $enabled: Boolean) {\n    configureBackups(instanceId: $instanceId, frequencyMinutes: $frequencyMinutes, retentionDays: $retentionDays,\n        includePaths: $includePaths, excludePaths: $excludePaths, enabled: $enabled) {\n      instanceId enabled frequencyMinutes retentionDays includePaths excludePaths nextRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation ConfigureBackups($instanceId: ID!, $frequencyMinutes: Int!, $retentionDays: Int!,\n      $includePaths: [String], $excludePaths: [String], $enabled: Boolean) {\n    configureBackups(instanceId: $instanceId, frequencyMinutes: $frequencyMinutes, retentionDays: $retentionDays,\n        includePaths: $includePaths, excludePaths: $excludePaths, enabled: $enabled) {\n      instanceId enabled frequencyMinutes retentionDays includePaths excludePaths nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreSnapshot($input: RestoreInput!) {\n    restoreSnapshot(input: $input) { id phase instanceId raceId }\n  }\n"): (typeof documents)["\n  mutation RestoreSnapshot($input: RestoreInput!) {\n    restoreSnapshot(input: $input) { id phase instanceId raceId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestoreJob($id: ID!) {\n    restoreJob(id: $id) {\n      id snapshotId instanceId raceId phase attempts bytesDone bytesTotal filesDone filesTotal createdAt\n      usableAt finishedAt error\n    }\n  }\n"): (typeof documents)["\n  query RestoreJob($id: ID!) {\n    restoreJob(id: $id) {\n      id snapshotId instanceId raceId phase attempts bytesDone bytesTotal filesDone filesTotal createdAt\n      usableAt finishedAt error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestoreJobs {\n    restoreJobs {\n      id snapshotId instanceId raceId phase bytesDone bytesTotal createdAt usableAt finishedAt error\n    }\n  }\n"): (typeof documents)["\n  query RestoreJobs {\n    restoreJobs {\n      id snapshotId instanceId raceId phase bytesDone bytesTotal createdAt usableAt finishedAt error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RestoreProgress($id: ID!) {\n    restoreProgress(id: $id) {\n      phase bytesDone bytesTotal filesDone filesTotal bytesPerSecond etaSeconds usableAt error\n    }\n  }\n"): (typeof documents)["\n  subscription RestoreProgress($id: ID!) {\n    restoreProgress(id: $id) {\n      phase bytesDone bytesTotal filesDone filesTotal bytesPerSecond etaSeconds usableAt error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Storage {\n    storageUsage {\n      bytes objects fullRestoreDownloadCost\n      monthly { bytes gigabytes monthlyCost tiers { name gigabytes ratePerGb monthlyCost } }\n    }\n  }\n"): (typeof documents)["\n  query Storage {\n    storageUsage {\n      bytes objects fullRestoreDownloadCost\n      monthly { bytes gigabytes monthlyCost tiers { name gigabytes ratePerGb monthlyCost } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HostStats($provider: String, $limit: Int) {\n    hostStats(provider: $provider, limit: $limit) {\n      provider hostId boots censored lostRaces failures failureRate bootP50Seconds bootP90Seconds lastSeenAt\n    }\n  }\n"): (typeof documents)["\n  query HostStats($provider: String, $limit: Int) {\n    hostStats(provider: $provider, limit: $limit) {\n      provider hostId boots censored lostRaces failures failureRate bootP50Seconds bootP90Seconds lastSeenAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Failovers($instanceId: ID, $activeOnly: Boolean, $limit: Int) {\n    failovers(instanceId: $instanceId, activeOnly: $activeOnly, limit: $limit) {\n      id instanceId trigger status detail error attempts maxAttempts nextAttemptAt preSnapshotId snapshotId\n      newInstanceId lostPricePerHour newPricePerHour createdAt usableAt finishedAt secondsToUsable\n      lostInstance { id hostId gpuModel status terminationReason costSoFar }\n      newInstance { id hostId gpuModel status costSoFar }\n    }\n  }\n"): (typeof documents)["\n  query Failovers($instanceId: ID, $activeOnly: Boolean, $limit: Int) {\n    failovers(instanceId: $instanceId, activeOnly: $activeOnly, limit: $limit) {\n      id instanceId trigger status detail error attempts maxAttempts nextAttemptAt preSnapshotId snapshotId\n      newInstanceId lostPricePerHour newPricePerHour createdAt usableAt finishedAt secondsToUsable\n      lostInstance { id hostId gpuModel status terminationReason costSoFar }\n      newInstance { id hostId gpuModel status costSoFar }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveInstance($instanceId: ID!) {\n    moveInstance(instanceId: $instanceId) { id status trigger }\n  }\n"): (typeof documents)["\n  mutation MoveInstance($instanceId: ID!) {\n    moveInstance(instanceId: $instanceId) { id status trigger }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestoreDrills($limit: Int) {\n    restoreDrills(limit: $limit) {\n      id trigger status checkSubset checkOk checkError snapshotsDrilled snapshotsFailed bytesFetched downloadCost\n      error startedAt finishedAt durationMs\n    }\n  }\n"): (typeof documents)["\n  query RestoreDrills($limit: Int) {\n    restoreDrills(limit: $limit) {\n      id trigger status checkSubset checkOk checkError snapshotsDrilled snapshotsFailed bytesFetched downloadCost\n      error startedAt finishedAt durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRestoreDrill {\n    startRestoreDrill { id status }\n  }\n"): (typeof documents)["\n  mutation StartRestoreDrill {\n    startRestoreDrill { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstanceConnection($id: ID!) {\n    instance(id: $id) {\n      id provider hostId gpuModel status\n      connection {\n        host port user hostKey hostKeyFingerprint sshCommand knownHostsLine\n        ports { privatePort protocol host publicPort url }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InstanceConnection($id: ID!) {\n    instance(id: $id) {\n      id provider hostId gpuModel status\n      connection {\n        host port user hostKey hostKeyFingerprint sshCommand knownHostsLine\n        ports { privatePort protocol host publicPort url }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SshKeys {\n    sshKeys { id name keyType bits publicKey fingerprint createdAt }\n  }\n"): (typeof documents)["\n  query SshKeys {\n    sshKeys { id name keyType bits publicKey fingerprint createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSshKey($name: String, $publicKey: String!) {\n    addSshKey(name: $name, publicKey: $publicKey) {\n      key { id name fingerprint }\n      machines { instanceId installed error }\n    }\n  }\n"): (typeof documents)["\n  mutation AddSshKey($name: String, $publicKey: String!) {\n    addSshKey(name: $name, publicKey: $publicKey) {\n      key { id name fingerprint }\n      machines { instanceId installed error }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSshKey($id: ID!) {\n    removeSshKey(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemoveSshKey($id: ID!) {\n    removeSshKey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TerminalSessions {\n    terminalSessions(limit: 20) { id username instanceId startedAt endedAt durationSeconds endReason }\n  }\n"): (typeof documents)["\n  query TerminalSessions {\n    terminalSessions(limit: 20) { id username instanceId startedAt endedAt durationSeconds endReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Instance($id: ID!) {\n    instance(id: $id) {\n      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status\n      terminationReason createdAt readyAt destroyedAt\n    }\n  }\n"): (typeof documents)["\n  query Instance($id: ID!) {\n    instance(id: $id) {\n      id provider providerInstanceId hostId gpuModel gpuCount pricePerHour costSoFar status\n      terminationReason createdAt readyAt destroyedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LaunchRacePreview($input: LaunchRaceInput!) {\n    launchRacePreview(input: $input) {\n      matchingOffers machines billedSecondsPerMachine worstCaseCost rankedBy maxPricePerHour maxRaceCost withinCap\n      waves { wave startsAfterSeconds pricePerHour offers { provider offerId hostId gpuModel gpuCount pricePerHour } }\n    }\n  }\n"): (typeof documents)["\n  query LaunchRacePreview($input: LaunchRaceInput!) {\n    launchRacePreview(input: $input) {\n      matchingOffers machines billedSecondsPerMachine worstCaseCost rankedBy maxPricePerHour maxRaceCost withinCap\n      waves { wave startsAfterSeconds pricePerHour offers { provider offerId hostId gpuModel gpuCount pricePerHour } }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;