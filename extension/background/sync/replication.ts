import type { RxCollection, WithDeleted } from 'rxdb';
import { upgradeJobDoc, validateJobCouchDoc, type Job } from '../../../shared/schema';
import type { JobCollection } from '../../db/database';
import type { FetchLike } from '../api';
import { withBackoff, type Backoff } from './backoff';
import { REPLICATION_BATCH } from './replication-batch';
import { splitLargePushes } from './split-push';
import { setAsideRefusedDocs, validateBeforePush, type SetAsideHandlers } from './set-aside';
import { SyncEngine, type DocIssue } from './engine';
import type { CouchDoc } from './couch/couch-doc';

export type JobReplication = SyncEngine<Job>;

export interface CollectionReplicationOptions<T> {
  collection: RxCollection<T>;
  /** Names the bookkeeping: `<kind>:<database url>[:<epoch>]`. */
  identifier: string;
  /** The server database, ending in `/`. */
  url: string;
  /** Adds the bearer token; see createAuthFetch. */
  fetch: FetchLike;
  /** Slows retries down while the server fails; see ./backoff.ts. */
  backoff?: Backoff;
  batchSize: { pull: number; push: number };
  retryTime: number;
  /** Where refused documents are reported. */
  setAside: SetAsideHandlers;
  /** Checks a document before it is sent; returns null (after reporting it) to keep it here. */
  pushModifier: (doc: WithDeleted<T>) => WithDeleted<T> | null;
  upgrade?: (doc: WithDeleted<T>) => WithDeleted<T>;
  /** Validates a server version before it is stored (see SyncEngineOptions.checkIncoming). */
  checkIncoming?: (doc: CouchDoc) => DocIssue[] | null;
}

/** How a server version this extension could not read is listed with the set-aside documents. */
export function unreadableIssues(issues: readonly DocIssue[]): DocIssue[] {
  return [{ path: '', message: 'The server has a version of this that this TrackRuit cannot read (it may be from a newer version: update TrackRuit); this device keeps its own copy' }, ...issues];
}

/**
 * Any collection's live two-way replication: the sync engine over the fetch
 * chain every collection shares (refused documents set aside, bodies over the
 * server's limit split, retries slowed while the server fails).
 */
export function replicateCollection<T>(options: CollectionReplicationOptions<T>): SyncEngine<T> {
  const toServer = splitLargePushes(setAsideRefusedDocs(options.fetch, options.setAside));
  // Under the engine's error-status check, so the backoff sees statuses, not only thrown errors.
  const paced = options.backoff ? withBackoff(toServer, options.backoff) : toServer;
  return new SyncEngine<T>({
    collection: options.collection,
    identifier: options.identifier,
    url: options.url,
    fetch: paced,
    batchSize: options.batchSize,
    retryTime: options.retryTime,
    pushModifier: options.pushModifier,
    onPushed: options.setAside.onPushed,
    onRefused: options.setAside.onSetAside,
    onUnreadable: (docs) => options.setAside.onSetAside(docs.map((doc) => ({ id: doc.id, issues: unreadableIssues(doc.issues) }))),
    ...(options.upgrade ? { upgrade: options.upgrade } : {}),
    ...(options.checkIncoming ? { checkIncoming: options.checkIncoming } : {}),
  }).start();
}

export interface JobReplicationOptions {
  jobs: JobCollection;
  /** The user's database, ending in `/`. */
  syncUrl: string;
  /** Changes when local data is wiped: what was synced before must not be reused. */
  epoch?: string;
  backoff?: Backoff;
  fetch: FetchLike;
  retryTime?: number;
  /** Where refused documents are reported; without it they are only skipped. */
  setAside?: SetAsideHandlers;
}

const IGNORE_SET_ASIDE: SetAsideHandlers = { onSetAside: () => {}, onPushed: () => {} };

/**
 * Live two-way replication of the jobs collection with the user's database.
 * Its bookkeeping is keyed by the sync URL and the local data's epoch, so
 * another account or server, or the same one after a wipe, starts from
 * scratch. Conflicts go to the collection's three-way merge
 * (extension/db/conflict-handler.ts).
 */
export function replicateJobs(options: JobReplicationOptions): JobReplication {
  const setAside = options.setAside ?? IGNORE_SET_ASIDE;
  const epoch = options.epoch ? `:${options.epoch}` : '';
  return replicateCollection<Job>({
    collection: options.jobs,
    identifier: `trackruit-jobs:${options.syncUrl}${epoch}`,
    url: options.syncUrl,
    fetch: options.fetch,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    batchSize: REPLICATION_BATCH,
    retryTime: options.retryTime ?? 5_000,
    setAside,
    // Extensions not yet updated still push older versions; they are stored here upgraded.
    upgrade: (doc) => upgradeJobDoc(doc) as WithDeleted<Job>,
    checkIncoming: (doc) => validateJobCouchDoc(doc)?.issues ?? null,
    pushModifier: validateBeforePush(setAside),
  });
}
