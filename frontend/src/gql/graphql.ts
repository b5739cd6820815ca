/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  BigDecimal: { input: number; output: number; }
  BigInteger: { input: number; output: number; }
  DateTime: { input: string; output: string; }
};

export type AddedSshKey = {
  __typename?: 'AddedSshKey';
  key?: Maybe<SshKey>;
  /** Each ready machine of your tenant, and whether the key is on it now */
  machines?: Maybe<Array<Maybe<KeyInstallation>>>;
};

export type ApiKey = {
  __typename?: 'ApiKey';
  /** ISO-8601 */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  /** ISO-8601 */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  revoked: Scalars['Boolean']['output'];
  tokenPrefix?: Maybe<Scalars['String']['output']>;
};

export type BackupPolicy = {
  __typename?: 'BackupPolicy';
  enabled: Scalars['Boolean']['output'];
  excludePaths?: Maybe<Array<Maybe<Scalars['String']['output']>>>;
  frequencyMinutes: Scalars['Int']['output'];
  includePaths?: Maybe<Array<Maybe<Scalars['String']['output']>>>;
  instanceId?: Maybe<Scalars['String']['output']>;
  /** snapshots taken by hand are kept this long, whatever the policy says */
  manualRetentionDays: Scalars['Int']['output'];
  /** ISO-8601 */
  nextRunAt?: Maybe<Scalars['DateTime']['output']>;
  /** how long the automatic snapshots of this policy are kept */
  retentionDays: Scalars['Int']['output'];
  /** safety snapshots (before a restore or a failover) are kept this long */
  safetyRetentionDays: Scalars['Int']['output'];
};

export type Breakdown = {
  __typename?: 'Breakdown';
  bytes: Scalars['BigInteger']['output'];
  gigabytes?: Maybe<Scalars['BigDecimal']['output']>;
  monthlyCost?: Maybe<Scalars['BigDecimal']['output']>;
  tiers?: Maybe<Array<Maybe<Tier>>>;
};

export type CandidateStatus =
  | 'BOOTING'
  | 'DESTROYED'
  | 'DESTROYING'
  | 'FAILED'
  | 'LAUNCHING'
  | 'READY';

export type ComponentStatus = {
  __typename?: 'ComponentStatus';
  detail?: Maybe<Scalars['String']['output']>;
  embedded: Scalars['Boolean']['output'];
  name?: Maybe<Scalars['String']['output']>;
  up: Scalars['Boolean']['output'];
};

export type Connection = {
  __typename?: 'Connection';
  host?: Maybe<Scalars['String']['output']>;
  /** The machine's SSH host key (ssh-ed25519 AAAA...) as SnapGPU pinned it; null until SnapGPU has connected since it started */
  hostKey?: Maybe<Scalars['String']['output']>;
  /** SHA256:... as ssh-keygen -l and ssh's first-connection prompt print it */
  hostKeyFingerprint?: Maybe<Scalars['String']['output']>;
  /** The line for ~/.ssh/known_hosts that pins the host key: [HOST]:PORT TYPE KEY */
  knownHostsLine?: Maybe<Scalars['String']['output']>;
  port: Scalars['Int']['output'];
  /** Other ports the provider exposes (vast.ai's port map, RunPod's proxy URLs) */
  ports?: Maybe<Array<Maybe<ExposedPort>>>;
  /** Ready to paste: ssh -p PORT USER@HOST */
  sshCommand?: Maybe<Scalars['String']['output']>;
  user?: Maybe<Scalars['String']['output']>;
};

export type CreateInstanceInput = {
  diskGb?: InputMaybe<Scalars['Int']['input']>;
  image?: InputMaybe<Scalars['String']['input']>;
  offerId?: InputMaybe<Scalars['String']['input']>;
  provider?: InputMaybe<Scalars['String']['input']>;
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  id?: Maybe<Scalars['ID']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  /** The key itself: shown only in this answer, SnapGPU keeps its hash */
  token?: Maybe<Scalars['String']['output']>;
};

/** A storage credential handed to a machine for one operation: its key id, scope, access and expiry (never its secret) */
export type CredentialGrant = {
  __typename?: 'CredentialGrant';
  access?: Maybe<StorageAccess>;
  accessKeyId?: Maybe<Scalars['String']['output']>;
  /** null for the bucket's own key, which does not expire (ISO-8601) */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  instanceId?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  issuedAt?: Maybe<Scalars['DateTime']['output']>;
  mode?: Maybe<CredentialMode>;
  operationId?: Maybe<Scalars['String']['output']>;
  purpose?: Maybe<CredentialPurpose>;
  scope?: Maybe<Scalars['String']['output']>;
};

export type CredentialMode =
  | 'BUCKET_KEY'
  | 'NONE'
  | 'R2_TEMPORARY'
  | 'STS';

export type CredentialPurpose =
  | 'BACKUP'
  | 'DRILL'
  | 'RESTORE';

export type ExposedPort = {
  __typename?: 'ExposedPort';
  host?: Maybe<Scalars['String']['output']>;
  privatePort: Scalars['Int']['output'];
  protocol?: Maybe<Scalars['String']['output']>;
  publicPort?: Maybe<Scalars['Int']['output']>;
  url?: Maybe<Scalars['String']['output']>;
};

export type Failover = {
  __typename?: 'Failover';
  attempts: Scalars['Int']['output'];
  /** ISO-8601 */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  detail?: Maybe<Scalars['String']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  instanceId?: Maybe<Scalars['String']['output']>;
  lostInstance?: Maybe<Instance>;
  lostPricePerHour?: Maybe<Scalars['BigDecimal']['output']>;
  maxAttempts: Scalars['Int']['output'];
  newInstance?: Maybe<Instance>;
  newInstanceId?: Maybe<Scalars['String']['output']>;
  newPricePerHour?: Maybe<Scalars['BigDecimal']['output']>;
  /** ISO-8601 */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  preSnapshotId?: Maybe<Scalars['String']['output']>;
  restoreJobId?: Maybe<Scalars['String']['output']>;
  secondsToUsable?: Maybe<Scalars['BigInteger']['output']>;
  snapshotId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<FailoverStatus>;
  trigger?: Maybe<FailoverTrigger>;
  /** ISO-8601 */
  usableAt?: Maybe<Scalars['DateTime']['output']>;
};

export type FailoverProgress = {
  __typename?: 'FailoverProgress';
  attempts: Scalars['Int']['output'];
  detail?: Maybe<Scalars['String']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  instanceId?: Maybe<Scalars['String']['output']>;
  maxAttempts: Scalars['Int']['output'];
  newInstanceId?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  preSnapshotId?: Maybe<Scalars['String']['output']>;
  restoreJobId?: Maybe<Scalars['String']['output']>;
  snapshotId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<FailoverStatus>;
  trigger?: Maybe<FailoverTrigger>;
  /** ISO-8601 */
  usableAt?: Maybe<Scalars['DateTime']['output']>;
};

export type FailoverStatus =
  | 'CANCELLED'
  | 'DETECTED'
  | 'DONE'
  | 'FAILED'
  | 'REPLACING'
  | 'RETIRING'
  | 'SNAPSHOTTING';

export type FailoverTrigger =
  | 'PROVIDER_EXITED'
  | 'PROVIDER_GONE'
  | 'PROVIDER_OFFLINE'
  | 'SSH_DEAD'
  | 'USER';

export type HostStats = {
  __typename?: 'HostStats';
  bootP50Seconds?: Maybe<Scalars['Float']['output']>;
  bootP90Seconds?: Maybe<Scalars['Float']['output']>;
  /** boots observed, create call → ready */
  boots: Scalars['Int']['output'];
  /** machines destroyed before they were ready (lost a race): the boot took longer than their age */
  censored: Scalars['Int']['output'];
  failureRate: Scalars['Float']['output'];
  /** creates that failed, machines that failed or never booted in time */
  failures: Scalars['Int']['output'];
  hostId?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  /** machines on this host that lost a launch race (destroyed as losers, booted or not) */
  lostRaces: Scalars['Int']['output'];
  provider?: Maybe<Scalars['String']['output']>;
};

export type Instance = {
  __typename?: 'Instance';
  /** How to get in with your own SSH key; null until the machine is ready */
  connection?: Maybe<Connection>;
  costSoFar?: Maybe<Scalars['BigDecimal']['output']>;
  /** ISO-8601 */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** ISO-8601 */
  destroyedAt?: Maybe<Scalars['DateTime']['output']>;
  gpuCount?: Maybe<Scalars['Int']['output']>;
  gpuModel?: Maybe<Scalars['String']['output']>;
  hostId?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  pricePerHour?: Maybe<Scalars['BigDecimal']['output']>;
  provider?: Maybe<Scalars['String']['output']>;
  providerInstanceId?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  readyAt?: Maybe<Scalars['DateTime']['output']>;
  status?: Maybe<InstanceStatus>;
  terminationReason?: Maybe<TerminationReason>;
};

export type InstanceStatus =
  | 'BOOTING'
  | 'DESTROYED'
  | 'DESTROYING'
  | 'FAILED'
  | 'PROVISIONING'
  | 'READY'
  | 'RESTORING'
  | 'RUNNING';

export type KeyInstallation = {
  __typename?: 'KeyInstallation';
  error?: Maybe<Scalars['String']['output']>;
  installed: Scalars['Boolean']['output'];
  instanceId?: Maybe<Scalars['ID']['output']>;
};

export type LaunchRace = {
  __typename?: 'LaunchRace';
  cancelRequested: Scalars['Boolean']['output'];
  candidates?: Maybe<Array<Maybe<RaceCandidate>>>;
  /** ISO-8601 */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  /** $/h × time alive of every machine but the winner */
  losersCost?: Maybe<Scalars['BigDecimal']['output']>;
  maxWaves: Scalars['Int']['output'];
  /** winner observed ready → the last loser's destroy call issued */
  reactionMs?: Maybe<Scalars['Float']['output']>;
  snapshotId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<RaceStatus>;
  /** race created → winner observed ready */
  timeToReadySeconds?: Maybe<Scalars['Float']['output']>;
  timeoutSeconds: Scalars['Float']['output'];
  waveIntervalSeconds: Scalars['Float']['output'];
  waveSize: Scalars['Int']['output'];
  wavesLaunched: Scalars['Int']['output'];
  winnerCandidateId?: Maybe<Scalars['String']['output']>;
  winnerHostId?: Maybe<Scalars['String']['output']>;
  winnerInstanceId?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  winnerObservedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type LaunchRaceInput = {
  /** disk in GB, 10 to 4000 (default 50) */
  diskGb?: InputMaybe<Scalars['Int']['input']>;
  /** offer filters, as in offers */
  filter?: InputMaybe<OfferFilterInput>;
  /** container image (default: the instances' default image) */
  image?: InputMaybe<Scalars['String']['input']>;
  policy?: InputMaybe<RacePolicyInput>;
  /** a snapshot of yours to restore on the winner afterwards */
  snapshotId?: InputMaybe<Scalars['ID']['input']>;
};

/** What a race would start, wave by wave, and its worst-case cost; nothing is started */
export type LaunchRacePreview = {
  __typename?: 'LaunchRacePreview';
  /** seconds each machine may bill at most: the candidate timeout */
  billedSecondsPerMachine: Scalars['Int']['output'];
  machines: Scalars['Int']['output'];
  matchingOffers: Scalars['Int']['output'];
  maxPricePerHour?: Maybe<Scalars['BigDecimal']['output']>;
  maxRaceCost?: Maybe<Scalars['BigDecimal']['output']>;
  /** how offers are ranked within the filter */
  rankedBy?: Maybe<Scalars['String']['output']>;
  waves?: Maybe<Array<Maybe<LaunchRacePreviewWave>>>;
  /** false when worstCaseCost is above maxRaceCost: starting this race is refused */
  withinCap: Scalars['Boolean']['output'];
  /** every machine of every wave billed for billedSecondsPerMachine, in $ */
  worstCaseCost?: Maybe<Scalars['BigDecimal']['output']>;
};

export type LaunchRacePreviewWave = {
  __typename?: 'LaunchRacePreviewWave';
  offers?: Maybe<Array<Maybe<Offer>>>;
  /** $/h of the wave's machines together */
  pricePerHour?: Maybe<Scalars['BigDecimal']['output']>;
  /** seconds after the start, at the latest */
  startsAfterSeconds: Scalars['Float']['output'];
  wave: Scalars['Int']['output'];
};

export type LaunchRaceProgress = {
  __typename?: 'LaunchRaceProgress';
  /** ISO-8601 */
  at?: Maybe<Scalars['DateTime']['output']>;
  candidateId?: Maybe<Scalars['String']['output']>;
  candidateStatus?: Maybe<CandidateStatus>;
  cost?: Maybe<Scalars['BigDecimal']['output']>;
  /** seconds since the candidate's create call */
  elapsedSeconds?: Maybe<Scalars['Float']['output']>;
  hostId?: Maybe<Scalars['String']['output']>;
  hosts?: Maybe<Array<Maybe<Scalars['String']['output']>>>;
  losersCost?: Maybe<Scalars['BigDecimal']['output']>;
  message?: Maybe<Scalars['String']['output']>;
  provider?: Maybe<Scalars['String']['output']>;
  providerState?: Maybe<Scalars['String']['output']>;
  /** the whole race, in the STATE item only */
  race?: Maybe<LaunchRace>;
  raceStatus?: Maybe<RaceStatus>;
  seq: Scalars['Int']['output'];
  terminal: Scalars['Boolean']['output'];
  terminationReason?: Maybe<TerminationReason>;
  /** STATE, WAVE_LAUNCHED, CANDIDATE_STATE, WINNER_CHOSEN, LOSER_DESTROYED, RACE_RECOVERED, RACE_FINISHED, RACE_FAILED, RACE_CANCELLED */
  type?: Maybe<Scalars['String']['output']>;
  wave?: Maybe<Scalars['Int']['output']>;
};

export type Me = {
  __typename?: 'Me';
  role?: Maybe<Role>;
  tenantId?: Maybe<Scalars['String']['output']>;
  username?: Maybe<Scalars['String']['output']>;
};

/** Mutation root */
export type Mutation = {
  __typename?: 'Mutation';
  /** Adds an OpenSSH public key (ed25519, ecdsa, rsa >= 2048 bits) and installs it on your tenant's ready machines */
  addSshKey?: Maybe<AddedSshKey>;
  /** Destroys every machine of a running race (RACE_CANCELLED); null when your tenant has no such race */
  cancelLaunchRace?: Maybe<LaunchRace>;
  configureBackups?: Maybe<BackupPolicy>;
  createApiKey?: Maybe<CreatedApiKey>;
  /** Rents an offer; the machine boots in the background (poll instance(id) for its status). A refused request names every bad field in extensions.fieldErrors */
  createInstance?: Maybe<Instance>;
  /** Starts a snapshot (status RUNNING); follow it with snapshotProgress(id) */
  createSnapshot?: Maybe<Snapshot>;
  /** Admins only. A tenant name that does not exist yet creates that tenant. */
  createUser?: Maybe<Me>;
  /** Forgets the snapshot in restic and prunes; null when your tenant has no such snapshot */
  deleteSnapshot?: Maybe<Snapshot>;
  /** null when your tenant has no such instance */
  destroyInstance?: Maybe<Instance>;
  /** Moves the workspace to another machine (same GPU model and count): a PRE_FAILOVER snapshot, a race for a new machine, a restore onto it, then this machine is destroyed; follow it with failoverProgress(id) */
  moveInstance?: Maybe<Failover>;
  /** True when removed (also from your tenant's ready machines); false when you have no such key */
  removeSshKey?: Maybe<Scalars['Boolean']['output']>;
  /** Starts a restore; follow it with restoreProgress(id) */
  restoreSnapshot?: Maybe<RestoreJob>;
  /** True when revoked; false when your tenant has no such live key */
  revokeApiKey?: Maybe<Scalars['Boolean']['output']>;
  /** Failover when the machine is lost: true, false, or null for the default (on when it has a backup policy) */
  setInstanceFailover?: Maybe<Instance>;
  /** Races machines of the matching offers in waves; the first ready one is kept, every other destroyed. Follow it with launchRaceProgress(id). */
  startLaunchRace?: Maybe<LaunchRace>;
  /** Checks your repository and trial-restores the newest snapshot of each machine on the control plane (never on your machines); poll restoreDrill(id). Each snapshot shows its last drill. */
  startRestoreDrill?: Maybe<RestoreDrill>;
};


/** Mutation root */
export type MutationAddSshKeyArgs = {
  name?: InputMaybe<Scalars['String']['input']>;
  publicKey: Scalars['String']['input'];
};


/** Mutation root */
export type MutationCancelLaunchRaceArgs = {
  id: Scalars['ID']['input'];
};


/** Mutation root */
export type MutationConfigureBackupsArgs = {
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  excludePaths?: InputMaybe<Array<InputMaybe<Scalars['String']['input']>>>;
  frequencyMinutes: Scalars['Int']['input'];
  includePaths?: InputMaybe<Array<InputMaybe<Scalars['String']['input']>>>;
  instanceId: Scalars['ID']['input'];
  retentionDays: Scalars['Int']['input'];
};


/** Mutation root */
export type MutationCreateApiKeyArgs = {
  name: Scalars['String']['input'];
};


/** Mutation root */
export type MutationCreateInstanceArgs = {
  input: CreateInstanceInput;
};


/** Mutation root */
export type MutationCreateSnapshotArgs = {
  description?: InputMaybe<Scalars['String']['input']>;
  instanceId: Scalars['ID']['input'];
};


/** Mutation root */
export type MutationCreateUserArgs = {
  password: Scalars['String']['input'];
  role?: InputMaybe<Role>;
  tenant: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


/** Mutation root */
export type MutationDeleteSnapshotArgs = {
  id: Scalars['ID']['input'];
};


/** Mutation root */
export type MutationDestroyInstanceArgs = {
  id: Scalars['ID']['input'];
};


/** Mutation root */
export type MutationMoveInstanceArgs = {
  instanceId: Scalars['ID']['input'];
};


/** Mutation root */
export type MutationRemoveSshKeyArgs = {
  id: Scalars['ID']['input'];
};


/** Mutation root */
export type MutationRestoreSnapshotArgs = {
  input: RestoreInput;
};


/** Mutation root */
export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


/** Mutation root */
export type MutationSetInstanceFailoverArgs = {
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  instanceId: Scalars['ID']['input'];
};


/** Mutation root */
export type MutationStartLaunchRaceArgs = {
  input: LaunchRaceInput;
};

export type Offer = {
  __typename?: 'Offer';
  cpuCores?: Maybe<Scalars['Float']['output']>;
  cudaVersion?: Maybe<Scalars['Float']['output']>;
  /** The disk in GB a machine of this offer gets when a request names none */
  defaultDiskGb?: Maybe<Scalars['Int']['output']>;
  /** The image a machine of this offer runs when a request names none */
  defaultImage?: Maybe<Scalars['String']['output']>;
  diskGb?: Maybe<Scalars['Float']['output']>;
  gpuCount: Scalars['Int']['output'];
  gpuModel?: Maybe<Scalars['String']['output']>;
  gpuRamMb?: Maybe<Scalars['Int']['output']>;
  hostBootP50Seconds?: Maybe<Scalars['Float']['output']>;
  hostBoots?: Maybe<Scalars['Int']['output']>;
  hostFailureRate?: Maybe<Scalars['Float']['output']>;
  hostId?: Maybe<Scalars['String']['output']>;
  inetDownMbps?: Maybe<Scalars['Float']['output']>;
  inetUpMbps?: Maybe<Scalars['Float']['output']>;
  offerId?: Maybe<Scalars['String']['output']>;
  pricePerHour?: Maybe<Scalars['BigDecimal']['output']>;
  provider?: Maybe<Scalars['String']['output']>;
  ramMb?: Maybe<Scalars['Int']['output']>;
  region?: Maybe<Scalars['String']['output']>;
  reliability?: Maybe<Scalars['Float']['output']>;
  verified: Scalars['Boolean']['output'];
};

export type OfferFilterInput = {
  cudaVersionMin?: InputMaybe<Scalars['Float']['input']>;
  diskGbMin?: InputMaybe<Scalars['Float']['input']>;
  gpuCountMin?: InputMaybe<Scalars['Int']['input']>;
  gpuModels?: InputMaybe<Array<InputMaybe<Scalars['String']['input']>>>;
  gpuRamGbMin?: InputMaybe<Scalars['Int']['input']>;
  inetDownMbpsMin?: InputMaybe<Scalars['Float']['input']>;
  maxPricePerHour?: InputMaybe<Scalars['BigDecimal']['input']>;
  providers?: InputMaybe<Array<InputMaybe<Scalars['String']['input']>>>;
  region?: InputMaybe<Scalars['String']['input']>;
  reliabilityMin?: InputMaybe<Scalars['Float']['input']>;
  verified?: InputMaybe<Scalars['Boolean']['input']>;
};

export type OfferPage = {
  __typename?: 'OfferPage';
  errors?: Maybe<Array<Maybe<ProviderError>>>;
  items?: Maybe<Array<Maybe<Offer>>>;
  limit: Scalars['Int']['output'];
  offset: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

export type OfferSort =
  | 'BOOT_TIME'
  | 'PRICE'
  | 'RELIABILITY';

export type Progress = {
  __typename?: 'Progress';
  bytesDone: Scalars['BigInteger']['output'];
  bytesPerSecond: Scalars['Float']['output'];
  bytesTotal?: Maybe<Scalars['BigInteger']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  etaSeconds?: Maybe<Scalars['BigInteger']['output']>;
  filesDone: Scalars['BigInteger']['output'];
  filesTotal?: Maybe<Scalars['BigInteger']['output']>;
  phase?: Maybe<RestorePhase>;
  /** ISO-8601 */
  usableAt?: Maybe<Scalars['DateTime']['output']>;
};

export type ProviderError = {
  __typename?: 'ProviderError';
  message?: Maybe<Scalars['String']['output']>;
  provider?: Maybe<Scalars['String']['output']>;
};

/** Query root */
export type Query = {
  __typename?: 'Query';
  apiKeys?: Maybe<Array<Maybe<ApiKey>>>;
  backupPolicy?: Maybe<BackupPolicy>;
  /** Storage credentials handed to your tenant's machines, newest first (admins only) */
  credentialGrants?: Maybe<Array<Maybe<CredentialGrant>>>;
  /** null when your tenant has no such failover */
  failover?: Maybe<Failover>;
  /** Newest first; of one machine (lost or new) when instanceId is given; activeOnly: those under way */
  failovers?: Maybe<Array<Maybe<Failover>>>;
  /** Boot statistics SnapGPU learned per provider host (used to rank offers in races) */
  hostStats?: Maybe<Array<Maybe<HostStats>>>;
  /** null when your tenant has no such instance */
  instance?: Maybe<Instance>;
  instances?: Maybe<Array<Maybe<Instance>>>;
  /** null when your tenant has no such race */
  launchRace?: Maybe<LaunchRace>;
  /** The offers each wave of this race would start, their $/h and the race's worst-case cost, checked as startLaunchRace checks it; starts nothing */
  launchRacePreview?: Maybe<LaunchRacePreview>;
  /** Your tenant's races, newest first */
  launchRaces?: Maybe<Array<Maybe<LaunchRace>>>;
  me?: Maybe<Me>;
  /** Offers of every enabled provider, filtered, sorted and paginated; a failing provider is listed in errors */
  offers?: Maybe<OfferPage>;
  /** null when your tenant has no such drill */
  restoreDrill?: Maybe<RestoreDrill>;
  /** Newest first */
  restoreDrills?: Maybe<Array<Maybe<RestoreDrill>>>;
  restoreJob?: Maybe<RestoreJob>;
  restoreJobs?: Maybe<Array<Maybe<RestoreJob>>>;
  snapshot?: Maybe<Snapshot>;
  /** Newest first; dedupe keeps the newest snapshot of each content (same tree hash). For the next page pass the last snapshot's cursor as after (offset is kept for older clients; deep offsets are slow) */
  snapshots?: Maybe<Array<Maybe<Snapshot>>>;
  /** Your SSH public keys: every machine of your tenant accepts them */
  sshKeys?: Maybe<Array<Maybe<SshKey>>>;
  /** Bytes stored in your repository (measured in the bucket), monthly cost by tier, restore download cost */
  storageUsage?: Maybe<Usage>;
  /** The parts SnapGPU runs on (database, object store, restic) and whether each is usable */
  system?: Maybe<SystemStatus>;
  /** Browser terminal sessions on your tenant's machines, newest first: who, which machine, when, how long */
  terminalSessions?: Maybe<Array<Maybe<TerminalSession>>>;
};


/** Query root */
export type QueryBackupPolicyArgs = {
  instanceId: Scalars['ID']['input'];
};


/** Query root */
export type QueryCredentialGrantsArgs = {
  instanceId?: InputMaybe<Scalars['ID']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
};


/** Query root */
export type QueryFailoverArgs = {
  id: Scalars['ID']['input'];
};


/** Query root */
export type QueryFailoversArgs = {
  activeOnly?: InputMaybe<Scalars['Boolean']['input']>;
  instanceId?: InputMaybe<Scalars['ID']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
};


/** Query root */
export type QueryHostStatsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  provider?: InputMaybe<Scalars['String']['input']>;
};


/** Query root */
export type QueryInstanceArgs = {
  id: Scalars['ID']['input'];
};


/** Query root */
export type QueryInstancesArgs = {
  includeEnded?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Query root */
export type QueryLaunchRaceArgs = {
  id: Scalars['ID']['input'];
};


/** Query root */
export type QueryLaunchRacePreviewArgs = {
  input: LaunchRaceInput;
};


/** Query root */
export type QueryLaunchRacesArgs = {
  includeFinished?: InputMaybe<Scalars['Boolean']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
};


/** Query root */
export type QueryOffersArgs = {
  filter?: InputMaybe<OfferFilterInput>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<OfferSort>;
};


/** Query root */
export type QueryRestoreDrillArgs = {
  id: Scalars['ID']['input'];
};


/** Query root */
export type QueryRestoreDrillsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};


/** Query root */
export type QueryRestoreJobArgs = {
  id: Scalars['ID']['input'];
};


/** Query root */
export type QuerySnapshotArgs = {
  id: Scalars['ID']['input'];
};


/** Query root */
export type QuerySnapshotsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  dedupe?: InputMaybe<Scalars['Boolean']['input']>;
  instanceId?: InputMaybe<Scalars['ID']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** Query root */
export type QueryTerminalSessionsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

export type RaceCandidate = {
  __typename?: 'RaceCandidate';
  /** create call → destroyed; 0 when no machine was created; null while alive */
  aliveSeconds?: Maybe<Scalars['Float']['output']>;
  /** create call → observed ready */
  bootSeconds?: Maybe<Scalars['Float']['output']>;
  cost?: Maybe<Scalars['BigDecimal']['output']>;
  /** ISO-8601 */
  destroyCalledAt?: Maybe<Scalars['DateTime']['output']>;
  /** ISO-8601 */
  destroyedAt?: Maybe<Scalars['DateTime']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  hostId?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  instanceId?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  launchedAt?: Maybe<Scalars['DateTime']['output']>;
  offerId?: Maybe<Scalars['String']['output']>;
  pricePerHour?: Maybe<Scalars['BigDecimal']['output']>;
  provider?: Maybe<Scalars['String']['output']>;
  providerState?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  readyAt?: Maybe<Scalars['DateTime']['output']>;
  status?: Maybe<CandidateStatus>;
  terminationReason?: Maybe<TerminationReason>;
  wave: Scalars['Int']['output'];
};

export type RacePolicyInput = {
  /** seconds one machine may take to be ready, 10 to timeoutSeconds (default: timeoutSeconds) */
  candidateTimeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** most $/h one machine may cost, more than 0 and at most 1000; offers above it are never started */
  maxPricePerHour?: InputMaybe<Scalars['BigDecimal']['input']>;
  /** most $ the race may cost in the worst case (every machine it would start billed until it is given up), more than 0 and at most 100000; a race that could cost more is refused before any machine starts */
  maxRaceCost?: InputMaybe<Scalars['BigDecimal']['input']>;
  /** waves at most, 1 to 10 (default 3) */
  maxWaves?: InputMaybe<Scalars['Int']['input']>;
  /** rank hosts by SnapGPU's boot statistics (default true); false ranks by price, as the offers list sorts, then reliability */
  rankByHostStats?: InputMaybe<Scalars['Boolean']['input']>;
  /** seconds until the race fails, 10 to 86400 (default 900) */
  timeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** seconds between waves, 0 to 3600 (default 10); a wave starts early when every machine so far failed */
  waveIntervalSeconds?: InputMaybe<Scalars['Float']['input']>;
  /** machines per wave, 1 to 20 (default 5) */
  waveSize?: InputMaybe<Scalars['Int']['input']>;
};

export type RaceStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'RUNNING'
  | 'WON';

export type RestoreDrill = {
  __typename?: 'RestoreDrill';
  bytesFetched: Scalars['BigInteger']['output'];
  checkError?: Maybe<Scalars['String']['output']>;
  checkOk?: Maybe<Scalars['Boolean']['output']>;
  checkSubset?: Maybe<Scalars['String']['output']>;
  downloadCost?: Maybe<Scalars['BigDecimal']['output']>;
  durationMs?: Maybe<Scalars['BigInteger']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  snapshotsDrilled: Scalars['Int']['output'];
  snapshotsFailed: Scalars['Int']['output'];
  /** ISO-8601 */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status?: Maybe<RestoreDrillStatus>;
  trigger?: Maybe<RestoreDrillTrigger>;
};

export type RestoreDrillStatus =
  | 'FAILED'
  | 'PASSED'
  | 'RUNNING';

export type RestoreDrillTrigger =
  | 'MANUAL'
  | 'SCHEDULED';

export type RestoreInput = {
  confirmOverwrite?: InputMaybe<Scalars['Boolean']['input']>;
  /** restore onto this instance (needs confirmOverwrite); omit for a new machine */
  instanceId?: InputMaybe<Scalars['String']['input']>;
  newInstanceFilter?: InputMaybe<OfferFilterInput>;
  /** the race for a new machine: machines per wave, waves, and the money caps (max $/h, max race cost) */
  newInstancePolicy?: InputMaybe<RacePolicyInput>;
  snapshotId: Scalars['String']['input'];
};

export type RestoreJob = {
  __typename?: 'RestoreJob';
  attempts: Scalars['Int']['output'];
  bytesDone: Scalars['BigInteger']['output'];
  bytesTotal?: Maybe<Scalars['BigInteger']['output']>;
  /** ISO-8601 */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  filesDone: Scalars['BigInteger']['output'];
  filesTotal?: Maybe<Scalars['BigInteger']['output']>;
  /** ISO-8601 */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  instanceId?: Maybe<Scalars['String']['output']>;
  phase?: Maybe<RestorePhase>;
  raceId?: Maybe<Scalars['String']['output']>;
  snapshotId?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  usableAt?: Maybe<Scalars['DateTime']['output']>;
};

export type RestorePhase =
  | 'ACQUIRING_MACHINE'
  | 'CRITICAL_FILES'
  | 'DONE'
  | 'FAILED'
  | 'QUEUED'
  | 'REMAINING_FILES'
  | 'VERIFYING';

export type Role =
  | 'ADMIN'
  | 'MEMBER';

export type Snapshot = {
  __typename?: 'Snapshot';
  addedBytes?: Maybe<Scalars['BigInteger']['output']>;
  /** ISO-8601 */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** pass as after to list the snapshots older than this one */
  cursor?: Maybe<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  drill?: Maybe<SnapshotDrill>;
  error?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  fileCount?: Maybe<Scalars['BigInteger']['output']>;
  /** ISO-8601 */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  instanceId?: Maybe<Scalars['String']['output']>;
  kind?: Maybe<SnapshotKind>;
  resticId?: Maybe<Scalars['String']['output']>;
  sameContentCount: Scalars['Int']['output'];
  status?: Maybe<SnapshotStatus>;
  totalBytes?: Maybe<Scalars['BigInteger']['output']>;
  treeHash?: Maybe<Scalars['String']['output']>;
};

export type SnapshotDrill = {
  __typename?: 'SnapshotDrill';
  bytesFetched?: Maybe<Scalars['BigInteger']['output']>;
  downloadCost?: Maybe<Scalars['BigDecimal']['output']>;
  drillId?: Maybe<Scalars['ID']['output']>;
  /** ISO-8601 */
  drilledAt?: Maybe<Scalars['DateTime']['output']>;
  durationMs?: Maybe<Scalars['BigInteger']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type SnapshotKind =
  | 'AUTOMATIC'
  | 'MANUAL'
  | 'PRE_FAILOVER'
  | 'PRE_RESTORE';

export type SnapshotProgress = {
  __typename?: 'SnapshotProgress';
  bytesDone?: Maybe<Scalars['BigInteger']['output']>;
  done: Scalars['Boolean']['output'];
  filesDone?: Maybe<Scalars['BigInteger']['output']>;
  percentDone?: Maybe<Scalars['Float']['output']>;
  secondsRemaining?: Maybe<Scalars['BigInteger']['output']>;
  seq: Scalars['Int']['output'];
  totalBytes?: Maybe<Scalars['BigInteger']['output']>;
  totalFiles?: Maybe<Scalars['BigInteger']['output']>;
  type?: Maybe<Scalars['String']['output']>;
};

export type SnapshotStatus =
  | 'DELETED'
  | 'DELETING'
  | 'FAILED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type SshKey = {
  __typename?: 'SshKey';
  bits: Scalars['Int']['output'];
  /** ISO-8601 */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  fingerprint?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  keyType?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  publicKey?: Maybe<Scalars['String']['output']>;
};

export type StorageAccess =
  | 'READ_ONLY'
  | 'READ_WRITE';

/** Subscription root */
export type Subscription = {
  __typename?: 'Subscription';
  /** Every step of a failover (DETECTED, SNAPSHOTTING, REPLACING, RETIRING, then DONE, FAILED or CANCELLED); completes at the end */
  failoverProgress?: Maybe<FailoverProgress>;
  /** The race's current state (type STATE) first, then every event; completes when the race has ended */
  launchRaceProgress?: Maybe<LaunchRaceProgress>;
  /** Phase, bytes and files done/total, throughput, ETA and the moment the workspace became usable; completes at the end */
  restoreProgress?: Maybe<Progress>;
  /** Every progress event of a snapshot (from its start), completing when it ends */
  snapshotProgress?: Maybe<SnapshotProgress>;
};


/** Subscription root */
export type SubscriptionFailoverProgressArgs = {
  id: Scalars['ID']['input'];
};


/** Subscription root */
export type SubscriptionLaunchRaceProgressArgs = {
  id: Scalars['ID']['input'];
};


/** Subscription root */
export type SubscriptionRestoreProgressArgs = {
  id: Scalars['ID']['input'];
};


/** Subscription root */
export type SubscriptionSnapshotProgressArgs = {
  id: Scalars['ID']['input'];
};

export type SystemStatus = {
  __typename?: 'SystemStatus';
  components?: Maybe<Array<Maybe<ComponentStatus>>>;
  resticVersion?: Maybe<Scalars['String']['output']>;
  up: Scalars['Boolean']['output'];
  version?: Maybe<Scalars['String']['output']>;
};

export type TerminalSession = {
  __typename?: 'TerminalSession';
  bytesIn: Scalars['BigInteger']['output'];
  bytesOut: Scalars['BigInteger']['output'];
  durationSeconds?: Maybe<Scalars['BigInteger']['output']>;
  endReason?: Maybe<Scalars['String']['output']>;
  /** ISO-8601 */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  instanceId?: Maybe<Scalars['ID']['output']>;
  /** ISO-8601 */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  username?: Maybe<Scalars['String']['output']>;
};

export type TerminationReason =
  | 'BOOT_FAILED'
  | 'CREATE_FAILED'
  | 'FAILOVER_ABANDONED'
  | 'GONE_AT_PROVIDER'
  | 'LOST'
  | 'LOST_RACE'
  | 'MOVED'
  | 'ORPHAN'
  | 'RACE_CANCELLED'
  | 'RACE_TIMEOUT'
  | 'USER';

export type Tier = {
  __typename?: 'Tier';
  gigabytes?: Maybe<Scalars['BigDecimal']['output']>;
  monthlyCost?: Maybe<Scalars['BigDecimal']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  ratePerGb?: Maybe<Scalars['BigDecimal']['output']>;
};

export type Usage = {
  __typename?: 'Usage';
  bytes: Scalars['BigInteger']['output'];
  fullRestoreDownloadCost?: Maybe<Scalars['BigDecimal']['output']>;
  monthly?: Maybe<Breakdown>;
  objects: Scalars['BigInteger']['output'];
};

export type SystemQueryVariables = Exact<{ [key: string]: never; }>;


export type SystemQuery = { __typename?: 'Query', system?: { __typename?: 'SystemStatus', up: boolean, version?: string | null, resticVersion?: string | null, components?: Array<{ __typename?: 'ComponentStatus', name?: string | null, up: boolean, embedded: boolean, detail?: string | null } | null> | null } | null };

export type InstancesQueryVariables = Exact<{
  includeEnded?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type InstancesQuery = { __typename?: 'Query', instances?: Array<{ __typename?: 'Instance', id?: string | null, provider?: string | null, providerInstanceId?: string | null, hostId?: string | null, gpuModel?: string | null, gpuCount?: number | null, pricePerHour?: number | null, costSoFar?: number | null, status?: InstanceStatus | null, terminationReason?: TerminationReason | null, createdAt?: string | null, readyAt?: string | null, destroyedAt?: string | null } | null> | null };

export type DestroyInstanceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DestroyInstanceMutation = { __typename?: 'Mutation', destroyInstance?: { __typename?: 'Instance', id?: string | null, status?: InstanceStatus | null, terminationReason?: TerminationReason | null } | null };

export type OffersQueryVariables = Exact<{
  filter?: InputMaybe<OfferFilterInput>;
  sort?: InputMaybe<OfferSort>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type OffersQuery = { __typename?: 'Query', offers?: { __typename?: 'OfferPage', total: number, offset: number, limit: number, errors?: Array<{ __typename?: 'ProviderError', provider?: string | null, message?: string | null } | null> | null, items?: Array<{ __typename?: 'Offer', provider?: string | null, offerId?: string | null, hostId?: string | null, gpuModel?: string | null, gpuCount: number, gpuRamMb?: number | null, cpuCores?: number | null, ramMb?: number | null, diskGb?: number | null, pricePerHour?: number | null, region?: string | null, reliability?: number | null, inetDownMbps?: number | null, inetUpMbps?: number | null, cudaVersion?: number | null, verified: boolean, hostBootP50Seconds?: number | null, hostBoots?: number | null, hostFailureRate?: number | null, defaultImage?: string | null, defaultDiskGb?: number | null } | null> | null } | null };

export type CreateInstanceMutationVariables = Exact<{
  input: CreateInstanceInput;
}>;


export type CreateInstanceMutation = { __typename?: 'Mutation', createInstance?: { __typename?: 'Instance', id?: string | null, status?: InstanceStatus | null } | null };

export type StartLaunchRaceMutationVariables = Exact<{
  input: LaunchRaceInput;
}>;


export type StartLaunchRaceMutation = { __typename?: 'Mutation', startLaunchRace?: { __typename?: 'LaunchRace', id?: string | null, status?: RaceStatus | null } | null };

export type LaunchRaceQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LaunchRaceQuery = { __typename?: 'Query', launchRace?: { __typename?: 'LaunchRace', id?: string | null, status?: RaceStatus | null, createdAt?: string | null, finishedAt?: string | null, error?: string | null, losersCost?: number | null, timeToReadySeconds?: number | null, reactionMs?: number | null, snapshotId?: string | null, waveSize: number, waveIntervalSeconds: number, maxWaves: number, wavesLaunched: number, winnerCandidateId?: string | null, winnerInstanceId?: string | null, winnerHostId?: string | null, candidates?: Array<{ __typename?: 'RaceCandidate', id?: string | null, hostId?: string | null, provider?: string | null, offerId?: string | null, wave: number, status?: CandidateStatus | null, providerState?: string | null, launchedAt?: string | null, readyAt?: string | null, destroyedAt?: string | null, aliveSeconds?: number | null, bootSeconds?: number | null, cost?: number | null, pricePerHour?: number | null, instanceId?: string | null, terminationReason?: TerminationReason | null, error?: string | null } | null> | null } | null };

export type LaunchRacesQueryVariables = Exact<{
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type LaunchRacesQuery = { __typename?: 'Query', launchRaces?: Array<{ __typename?: 'LaunchRace', id?: string | null, status?: RaceStatus | null, createdAt?: string | null, finishedAt?: string | null, timeToReadySeconds?: number | null, losersCost?: number | null, wavesLaunched: number, winnerHostId?: string | null, snapshotId?: string | null, error?: string | null } | null> | null };

export type CancelLaunchRaceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CancelLaunchRaceMutation = { __typename?: 'Mutation', cancelLaunchRace?: { __typename?: 'LaunchRace', id?: string | null, status?: RaceStatus | null } | null };

export type LaunchRaceProgressSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LaunchRaceProgressSubscription = { __typename?: 'Subscription', launchRaceProgress?: { __typename?: 'LaunchRaceProgress', type?: string | null, seq: number, at?: string | null, terminal: boolean, raceStatus?: RaceStatus | null, wave?: number | null, hosts?: Array<string | null> | null, candidateId?: string | null, provider?: string | null, hostId?: string | null, candidateStatus?: CandidateStatus | null, providerState?: string | null, elapsedSeconds?: number | null, terminationReason?: TerminationReason | null, cost?: number | null, losersCost?: number | null, message?: string | null, race?: { __typename?: 'LaunchRace', status?: RaceStatus | null, createdAt?: string | null, finishedAt?: string | null, error?: string | null, losersCost?: number | null, timeToReadySeconds?: number | null, winnerCandidateId?: string | null, waveSize: number, waveIntervalSeconds: number, maxWaves: number, wavesLaunched: number, candidates?: Array<{ __typename?: 'RaceCandidate', id?: string | null, hostId?: string | null, provider?: string | null, wave: number, status?: CandidateStatus | null, providerState?: string | null, launchedAt?: string | null, readyAt?: string | null, destroyedAt?: string | null, aliveSeconds?: number | null, bootSeconds?: number | null, cost?: number | null, pricePerHour?: number | null, instanceId?: string | null, terminationReason?: TerminationReason | null, error?: string | null } | null> | null } | null } | null };

export type SnapshotsQueryVariables = Exact<{
  instanceId?: InputMaybe<Scalars['ID']['input']>;
  dedupe?: InputMaybe<Scalars['Boolean']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type SnapshotsQuery = { __typename?: 'Query', snapshots?: Array<{ __typename?: 'Snapshot', id?: string | null, instanceId?: string | null, kind?: SnapshotKind | null, description?: string | null, status?: SnapshotStatus | null, error?: string | null, createdAt?: string | null, finishedAt?: string | null, expiresAt?: string | null, totalBytes?: number | null, addedBytes?: number | null, fileCount?: number | null, sameContentCount: number, treeHash?: string | null, drill?: { __typename?: 'SnapshotDrill', drillId?: string | null, drilledAt?: string | null, status?: string | null, durationMs?: number | null, bytesFetched?: number | null, downloadCost?: number | null, error?: string | null } | null } | null> | null };

export type CreateSnapshotMutationVariables = Exact<{
  instanceId: Scalars['ID']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
}>;


export type CreateSnapshotMutation = { __typename?: 'Mutation', createSnapshot?: { __typename?: 'Snapshot', id?: string | null, status?: SnapshotStatus | null, instanceId?: string | null } | null };

export type DeleteSnapshotMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteSnapshotMutation = { __typename?: 'Mutation', deleteSnapshot?: { __typename?: 'Snapshot', id?: string | null, status?: SnapshotStatus | null } | null };

export type SnapshotProgressSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SnapshotProgressSubscription = { __typename?: 'Subscription', snapshotProgress?: { __typename?: 'SnapshotProgress', seq: number, type?: string | null, percentDone?: number | null, filesDone?: number | null, totalFiles?: number | null, bytesDone?: number | null, totalBytes?: number | null, secondsRemaining?: number | null, done: boolean } | null };

export type BackupPolicyQueryVariables = Exact<{
  instanceId: Scalars['ID']['input'];
}>;


export type BackupPolicyQuery = { __typename?: 'Query', backupPolicy?: { __typename?: 'BackupPolicy', instanceId?: string | null, enabled: boolean, frequencyMinutes: number, retentionDays: number, manualRetentionDays: number, safetyRetentionDays: number, includePaths?: Array<string | null> | null, excludePaths?: Array<string | null> | null, nextRunAt?: string | null } | null };

export type ConfigureBackupsMutationVariables = Exact<{
  instanceId: Scalars['ID']['input'];
  frequencyMinutes: Scalars['Int']['input'];
  retentionDays: Scalars['Int']['input'];
  includePaths?: InputMaybe<Array<InputMaybe<Scalars['String']['input']>> | InputMaybe<Scalars['String']['input']>>;
  excludePaths?: InputMaybe<Array<InputMaybe<Scalars['String']['input']>> | InputMaybe<Scalars['String']['input']>>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type ConfigureBackupsMutation = { __typename?: 'Mutation', configureBackups?: { __typename?: 'BackupPolicy', instanceId?: string | null, enabled: boolean, frequencyMinutes: number, retentionDays: number, includePaths?: Array<string | null> | null, excludePaths?: Array<string | null> | null, nextRunAt?: string | null } | null };

export type RestoreSnapshotMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestoreSnapshotMutation = { __typename?: 'Mutation', restoreSnapshot?: { __typename?: 'RestoreJob', id?: string | null, phase?: RestorePhase | null, instanceId?: string | null, raceId?: string | null } | null };

export type RestoreJobQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RestoreJobQuery = { __typename?: 'Query', restoreJob?: { __typename?: 'RestoreJob', id?: string | null, snapshotId?: string | null, instanceId?: string | null, raceId?: string | null, phase?: RestorePhase | null, attempts: number, bytesDone: number, bytesTotal?: number | null, filesDone: number, filesTotal?: number | null, createdAt?: string | null, usableAt?: string | null, finishedAt?: string | null, error?: string | null } | null };

export type RestoreJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type RestoreJobsQuery = { __typename?: 'Query', restoreJobs?: Array<{ __typename?: 'RestoreJob', id?: string | null, snapshotId?: string | null, instanceId?: string | null, raceId?: string | null, phase?: RestorePhase | null, bytesDone: number, bytesTotal?: number | null, createdAt?: string | null, usableAt?: string | null, finishedAt?: string | null, error?: string | null } | null> | null };

export type RestoreProgressSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RestoreProgressSubscription = { __typename?: 'Subscription', restoreProgress?: { __typename?: 'Progress', phase?: RestorePhase | null, bytesDone: number, bytesTotal?: number | null, filesDone: number, filesTotal?: number | null, bytesPerSecond: number, etaSeconds?: number | null, usableAt?: string | null, error?: string | null } | null };

export type StorageQueryVariables = Exact<{ [key: string]: never; }>;


export type StorageQuery = { __typename?: 'Query', storageUsage?: { __typename?: 'Usage', bytes: number, objects: number, fullRestoreDownloadCost?: number | null, monthly?: { __typename?: 'Breakdown', bytes: number, gigabytes?: number | null, monthlyCost?: number | null, tiers?: Array<{ __typename?: 'Tier', name?: string | null, gigabytes?: number | null, ratePerGb?: number | null, monthlyCost?: number | null } | null> | null } | null } | null };

export type HostStatsQueryVariables = Exact<{
  provider?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type HostStatsQuery = { __typename?: 'Query', hostStats?: Array<{ __typename?: 'HostStats', provider?: string | null, hostId?: string | null, boots: number, censored: number, lostRaces: number, failures: number, failureRate: number, bootP50Seconds?: number | null, bootP90Seconds?: number | null, lastSeenAt?: string | null } | null> | null };

export type FailoversQueryVariables = Exact<{
  instanceId?: InputMaybe<Scalars['ID']['input']>;
  activeOnly?: InputMaybe<Scalars['Boolean']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type FailoversQuery = { __typename?: 'Query', failovers?: Array<{ __typename?: 'Failover', id?: string | null, instanceId?: string | null, trigger?: FailoverTrigger | null, status?: FailoverStatus | null, detail?: string | null, error?: string | null, attempts: number, maxAttempts: number, nextAttemptAt?: string | null, preSnapshotId?: string | null, snapshotId?: string | null, newInstanceId?: string | null, lostPricePerHour?: number | null, newPricePerHour?: number | null, createdAt?: string | null, usableAt?: string | null, finishedAt?: string | null, secondsToUsable?: number | null, lostInstance?: { __typename?: 'Instance', id?: string | null, hostId?: string | null, gpuModel?: string | null, status?: InstanceStatus | null, terminationReason?: TerminationReason | null, costSoFar?: number | null } | null, newInstance?: { __typename?: 'Instance', id?: string | null, hostId?: string | null, gpuModel?: string | null, status?: InstanceStatus | null, costSoFar?: number | null } | null } | null> | null };

export type MoveInstanceMutationVariables = Exact<{
  instanceId: Scalars['ID']['input'];
}>;


export type MoveInstanceMutation = { __typename?: 'Mutation', moveInstance?: { __typename?: 'Failover', id?: string | null, status?: FailoverStatus | null, trigger?: FailoverTrigger | null } | null };

export type RestoreDrillsQueryVariables = Exact<{
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RestoreDrillsQuery = { __typename?: 'Query', restoreDrills?: Array<{ __typename?: 'RestoreDrill', id?: string | null, trigger?: RestoreDrillTrigger | null, status?: RestoreDrillStatus | null, checkSubset?: string | null, checkOk?: boolean | null, checkError?: string | null, snapshotsDrilled: number, snapshotsFailed: number, bytesFetched: number, downloadCost?: number | null, error?: string | null, startedAt?: string | null, finishedAt?: string | null, durationMs?: number | null } | null> | null };

export type StartRestoreDrillMutationVariables = Exact<{ [key: string]: never; }>;


export type StartRestoreDrillMutation = { __typename?: 'Mutation', startRestoreDrill?: { __typename?: 'RestoreDrill', id?: string | null, status?: RestoreDrillStatus | null } | null };

export type InstanceConnectionQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type InstanceConnectionQuery = { __typename?: 'Query', instance?: { __typename?: 'Instance', id?: string | null, provider?: string | null, hostId?: string | null, gpuModel?: string | null, status?: InstanceStatus | null, connection?: { __typename?: 'Connection', host?: string | null, port: number, user?: string | null, hostKey?: string | null, hostKeyFingerprint?: string | null, sshCommand?: string | null, knownHostsLine?: string | null, ports?: Array<{ __typename?: 'ExposedPort', privatePort: number, protocol?: string | null, host?: string | null, publicPort?: number | null, url?: string | null } | null> | null } | null } | null };

export type SshKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type SshKeysQuery = { __typename?: 'Query', sshKeys?: Array<{ __typename?: 'SshKey', id?: string | null, name?: string | null, keyType?: string | null, bits: number, publicKey?: string | null, fingerprint?: string | null, createdAt?: string | null } | null> | null };

export type AddSshKeyMutationVariables = Exact<{
  name?: InputMaybe<Scalars['String']['input']>;
  publicKey: Scalars['String']['input'];
}>;


export type AddSshKeyMutation = { __typename?: 'Mutation', addSshKey?: { __typename?: 'AddedSshKey', key?: { __typename?: 'SshKey', id?: string | null, name?: string | null, fingerprint?: string | null } | null, machines?: Array<{ __typename?: 'KeyInstallation', instanceId?: string | null, installed: boolean, error?: string | null } | null> | null } | null };

export type RemoveSshKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RemoveSshKeyMutation = { __typename?: 'Mutation', removeSshKey?: boolean | null };

export type TerminalSessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type TerminalSessionsQuery = { __typename?: 'Query', terminalSessions?: Array<{ __typename?: 'TerminalSession', id?: string | null, username?: string | null, instanceId?: string | null, startedAt?: string | null, endedAt?: string | null, durationSeconds?: number | null, endReason?: string | null } | null> | null };

export type InstanceQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type InstanceQuery = { __typename?: 'Query', instance?: { __typename?: 'Instance', id?: string | null, provider?: string | null, providerInstanceId?: string | null, hostId?: string | null, gpuModel?: string | null, gpuCount?: number | null, pricePerHour?: number | null, costSoFar?: number | null, status?: InstanceStatus | null, terminationReason?: TerminationReason | null, createdAt?: string | null, readyAt?: string | null, destroyedAt?: string | null } | null };

export type LaunchRacePreviewQueryVariables = Exact<{
  input: LaunchRaceInput;
}>;


export type LaunchRacePreviewQuery = { __typename?: 'Query', launchRacePreview?: { __typename?: 'LaunchRacePreview', matchingOffers: number, machines: number, billedSecondsPerMachine: number, worstCaseCost?: number | null, rankedBy?: string | null, maxPricePerHour?: number | null, maxRaceCost?: number | null, withinCap: boolean, waves?: Array<{ __typename?: 'LaunchRacePreviewWave', wave: number, startsAfterSeconds: number, pricePerHour?: number | null, offers?: Array<{ __typename?: 'Offer', provider?: string | null, offerId?: string | null, hostId?: string | null, gpuModel?: string | null, gpuCount: number, pricePerHour?: number | null } | null> | null } | null> | null } | null };


export const SystemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"System"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"resticVersion"}},{"kind":"Field","name":{"kind":"Name","value":"components"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"embedded"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<SystemQuery, SystemQueryVariables>;
export const InstancesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Instances"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeEnded"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instances"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeEnded"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeEnded"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerInstanceId"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"gpuModel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"costSoFar"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"terminationReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"readyAt"}},{"kind":"Field","name":{"kind":"Name","value":"destroyedAt"}}]}}]}}]} as unknown as DocumentNode<InstancesQuery, InstancesQueryVariables>;
export const DestroyInstanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DestroyInstance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"destroyInstance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"terminationReason"}}]}}]}}]} as unknown as DocumentNode<DestroyInstanceMutation, DestroyInstanceMutationVariables>;
export const OffersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Offers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OfferFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OfferSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"offerId"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"gpuModel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuRamMb"}},{"kind":"Field","name":{"kind":"Name","value":"cpuCores"}},{"kind":"Field","name":{"kind":"Name","value":"ramMb"}},{"kind":"Field","name":{"kind":"Name","value":"diskGb"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"reliability"}},{"kind":"Field","name":{"kind":"Name","value":"inetDownMbps"}},{"kind":"Field","name":{"kind":"Name","value":"inetUpMbps"}},{"kind":"Field","name":{"kind":"Name","value":"cudaVersion"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"hostBootP50Seconds"}},{"kind":"Field","name":{"kind":"Name","value":"hostBoots"}},{"kind":"Field","name":{"kind":"Name","value":"hostFailureRate"}},{"kind":"Field","name":{"kind":"Name","value":"defaultImage"}},{"kind":"Field","name":{"kind":"Name","value":"defaultDiskGb"}}]}}]}}]}}]} as unknown as DocumentNode<OffersQuery, OffersQueryVariables>;
export const CreateInstanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateInstance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateInstanceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createInstance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CreateInstanceMutation, CreateInstanceMutationVariables>;
export const StartLaunchRaceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartLaunchRace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LaunchRaceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLaunchRace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StartLaunchRaceMutation, StartLaunchRaceMutationVariables>;
export const LaunchRaceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LaunchRace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"launchRace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"losersCost"}},{"kind":"Field","name":{"kind":"Name","value":"timeToReadySeconds"}},{"kind":"Field","name":{"kind":"Name","value":"reactionMs"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"waveSize"}},{"kind":"Field","name":{"kind":"Name","value":"waveIntervalSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"maxWaves"}},{"kind":"Field","name":{"kind":"Name","value":"wavesLaunched"}},{"kind":"Field","name":{"kind":"Name","value":"winnerCandidateId"}},{"kind":"Field","name":{"kind":"Name","value":"winnerInstanceId"}},{"kind":"Field","name":{"kind":"Name","value":"winnerHostId"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"offerId"}},{"kind":"Field","name":{"kind":"Name","value":"wave"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerState"}},{"kind":"Field","name":{"kind":"Name","value":"launchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"readyAt"}},{"kind":"Field","name":{"kind":"Name","value":"destroyedAt"}},{"kind":"Field","name":{"kind":"Name","value":"aliveSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bootSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"terminationReason"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode<LaunchRaceQuery, LaunchRaceQueryVariables>;
export const LaunchRacesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LaunchRaces"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"launchRaces"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeFinished"},"value":{"kind":"BooleanValue","value":true}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeToReadySeconds"}},{"kind":"Field","name":{"kind":"Name","value":"losersCost"}},{"kind":"Field","name":{"kind":"Name","value":"wavesLaunched"}},{"kind":"Field","name":{"kind":"Name","value":"winnerHostId"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<LaunchRacesQuery, LaunchRacesQueryVariables>;
export const CancelLaunchRaceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelLaunchRace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelLaunchRace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CancelLaunchRaceMutation, CancelLaunchRaceMutationVariables>;
export const LaunchRaceProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LaunchRaceProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"launchRaceProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"terminal"}},{"kind":"Field","name":{"kind":"Name","value":"raceStatus"}},{"kind":"Field","name":{"kind":"Name","value":"wave"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}},{"kind":"Field","name":{"kind":"Name","value":"candidateId"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"candidateStatus"}},{"kind":"Field","name":{"kind":"Name","value":"providerState"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"terminationReason"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"losersCost"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"race"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"losersCost"}},{"kind":"Field","name":{"kind":"Name","value":"timeToReadySeconds"}},{"kind":"Field","name":{"kind":"Name","value":"winnerCandidateId"}},{"kind":"Field","name":{"kind":"Name","value":"waveSize"}},{"kind":"Field","name":{"kind":"Name","value":"waveIntervalSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"maxWaves"}},{"kind":"Field","name":{"kind":"Name","value":"wavesLaunched"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"wave"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerState"}},{"kind":"Field","name":{"kind":"Name","value":"launchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"readyAt"}},{"kind":"Field","name":{"kind":"Name","value":"destroyedAt"}},{"kind":"Field","name":{"kind":"Name","value":"aliveSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bootSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"terminationReason"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LaunchRaceProgressSubscription, LaunchRaceProgressSubscriptionVariables>;
export const SnapshotsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Snapshots"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dedupe"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snapshots"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"instanceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"dedupe"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dedupe"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"addedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"sameContentCount"}},{"kind":"Field","name":{"kind":"Name","value":"treeHash"}},{"kind":"Field","name":{"kind":"Name","value":"drill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"drillId"}},{"kind":"Field","name":{"kind":"Name","value":"drilledAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"downloadCost"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode<SnapshotsQuery, SnapshotsQueryVariables>;
export const CreateSnapshotDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSnapshot"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"description"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSnapshot"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"instanceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"description"},"value":{"kind":"Variable","name":{"kind":"Name","value":"description"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}}]}}]}}]} as unknown as DocumentNode<CreateSnapshotMutation, CreateSnapshotMutationVariables>;
export const DeleteSnapshotDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteSnapshot"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSnapshot"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DeleteSnapshotMutation, DeleteSnapshotMutationVariables>;
export const SnapshotProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SnapshotProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snapshotProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"percentDone"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"totalFiles"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"secondsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"done"}}]}}]}}]} as unknown as DocumentNode<SnapshotProgressSubscription, SnapshotProgressSubscriptionVariables>;
export const BackupPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BackupPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backupPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"instanceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"frequencyMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"retentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"manualRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"safetyRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"includePaths"}},{"kind":"Field","name":{"kind":"Name","value":"excludePaths"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<BackupPolicyQuery, BackupPolicyQueryVariables>;
export const ConfigureBackupsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureBackups"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"frequencyMinutes"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"retentionDays"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includePaths"}},"type":{"kind":"ListType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"excludePaths"}},"type":{"kind":"ListType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureBackups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"instanceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"frequencyMinutes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"frequencyMinutes"}}},{"kind":"Argument","name":{"kind":"Name","value":"retentionDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"retentionDays"}}},{"kind":"Argument","name":{"kind":"Name","value":"includePaths"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includePaths"}}},{"kind":"Argument","name":{"kind":"Name","value":"excludePaths"},"value":{"kind":"Variable","name":{"kind":"Name","value":"excludePaths"}}},{"kind":"Argument","name":{"kind":"Name","value":"enabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"frequencyMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"retentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"includePaths"}},{"kind":"Field","name":{"kind":"Name","value":"excludePaths"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<ConfigureBackupsMutation, ConfigureBackupsMutationVariables>;
export const RestoreSnapshotDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreSnapshot"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreSnapshot"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"raceId"}}]}}]}}]} as unknown as DocumentNode<RestoreSnapshotMutation, RestoreSnapshotMutationVariables>;
export const RestoreJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestoreJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"raceId"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"bytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"usableAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<RestoreJobQuery, RestoreJobQueryVariables>;
export const RestoreJobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestoreJobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreJobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"raceId"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"bytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"usableAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<RestoreJobsQuery, RestoreJobsQueryVariables>;
export const RestoreProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RestoreProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"bytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bytesPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"usableAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<RestoreProgressSubscription, RestoreProgressSubscriptionVariables>;
export const StorageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Storage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"storageUsage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"objects"}},{"kind":"Field","name":{"kind":"Name","value":"fullRestoreDownloadCost"}},{"kind":"Field","name":{"kind":"Name","value":"monthly"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"gigabytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyCost"}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gigabytes"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerGb"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyCost"}}]}}]}}]}}]}}]} as unknown as DocumentNode<StorageQuery, StorageQueryVariables>;
export const HostStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HostStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"boots"}},{"kind":"Field","name":{"kind":"Name","value":"censored"}},{"kind":"Field","name":{"kind":"Name","value":"lostRaces"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"failureRate"}},{"kind":"Field","name":{"kind":"Name","value":"bootP50Seconds"}},{"kind":"Field","name":{"kind":"Name","value":"bootP90Seconds"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}}]}}]}}]} as unknown as DocumentNode<HostStatsQuery, HostStatsQueryVariables>;
export const FailoversDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Failovers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"activeOnly"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"failovers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"instanceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"activeOnly"},"value":{"kind":"Variable","name":{"kind":"Name","value":"activeOnly"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"preSnapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"newInstanceId"}},{"kind":"Field","name":{"kind":"Name","value":"lostPricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"newPricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"usableAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"secondsToUsable"}},{"kind":"Field","name":{"kind":"Name","value":"lostInstance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"gpuModel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"terminationReason"}},{"kind":"Field","name":{"kind":"Name","value":"costSoFar"}}]}},{"kind":"Field","name":{"kind":"Name","value":"newInstance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"gpuModel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"costSoFar"}}]}}]}}]}}]} as unknown as DocumentNode<FailoversQuery, FailoversQueryVariables>;
export const MoveInstanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveInstance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moveInstance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"instanceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"instanceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}}]}}]}}]} as unknown as DocumentNode<MoveInstanceMutation, MoveInstanceMutationVariables>;
export const RestoreDrillsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestoreDrills"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreDrills"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"checkSubset"}},{"kind":"Field","name":{"kind":"Name","value":"checkOk"}},{"kind":"Field","name":{"kind":"Name","value":"checkError"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotsDrilled"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"downloadCost"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]}}]} as unknown as DocumentNode<RestoreDrillsQuery, RestoreDrillsQueryVariables>;
export const StartRestoreDrillDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartRestoreDrill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startRestoreDrill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StartRestoreDrillMutation, StartRestoreDrillMutationVariables>;
export const InstanceConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InstanceConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"gpuModel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"hostKey"}},{"kind":"Field","name":{"kind":"Name","value":"hostKeyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"sshCommand"}},{"kind":"Field","name":{"kind":"Name","value":"knownHostsLine"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"privatePort"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"publicPort"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]} as unknown as DocumentNode<InstanceConnectionQuery, InstanceConnectionQueryVariables>;
export const SshKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SshKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sshKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"keyType"}},{"kind":"Field","name":{"kind":"Name","value":"bits"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<SshKeysQuery, SshKeysQueryVariables>;
export const AddSshKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddSshKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"publicKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSshKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"publicKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"publicKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"machines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"installed"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode<AddSshKeyMutation, AddSshKeyMutationVariables>;
export const RemoveSshKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveSshKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeSshKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RemoveSshKeyMutation, RemoveSshKeyMutationVariables>;
export const TerminalSessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TerminalSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"terminalSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}}]}}]}}]} as unknown as DocumentNode<TerminalSessionsQuery, TerminalSessionsQueryVariables>;
export const InstanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Instance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerInstanceId"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"gpuModel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"costSoFar"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"terminationReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"readyAt"}},{"kind":"Field","name":{"kind":"Name","value":"destroyedAt"}}]}}]}}]} as unknown as DocumentNode<InstanceQuery, InstanceQueryVariables>;
export const LaunchRacePreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LaunchRacePreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LaunchRaceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"launchRacePreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingOffers"}},{"kind":"Field","name":{"kind":"Name","value":"machines"}},{"kind":"Field","name":{"kind":"Name","value":"billedSecondsPerMachine"}},{"kind":"Field","name":{"kind":"Name","value":"worstCaseCost"}},{"kind":"Field","name":{"kind":"Name","value":"rankedBy"}},{"kind":"Field","name":{"kind":"Name","value":"maxPricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"maxRaceCost"}},{"kind":"Field","name":{"kind":"Name","value":"withinCap"}},{"kind":"Field","name":{"kind":"Name","value":"waves"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wave"}},{"kind":"Field","name":{"kind":"Name","value":"startsAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}},{"kind":"Field","name":{"kind":"Name","value":"offers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"offerId"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"gpuModel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LaunchRacePreviewQuery, LaunchRacePreviewQueryVariables>;