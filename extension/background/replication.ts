import type { WithDeleted } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { upgradeJobDoc, type Job } from '../../shared/schema';
import type { JobCollection } from '../db/database';
import type { FetchLike } from './api';
import { withBackoff, type Backoff } from './backoff';
import type { CouchCheckpoint } from './couch/pull';
import { replicateCouch } from './couch/replicate-couch';
import { REPLICATION_BATCH } from './replication-batch';
import { splitLargePushes } from './split-push';
import { setAsideRefusedDocs, validateBeforePush, type SetAsideHandlers } from './set-aside';

export type JobReplication = RxReplicationState<Job, CouchCheckpoint>;

export interface JobReplicationOptions {
  jobs: JobCollection;
  /** The user's database, ending in `/`. */
  syncUrl: string;
  /** Changes when local data is wiped: checkpoints from before must not be reused. */
  epoch?: string;
  /** Slows retries down while the server fails; see ./backoff.ts. */
  backoff?: Backoff;
  /** Adds the bearer token; see createAuthFetch. */
  fetch: FetchLike;
  retryTime?: number;
  /** Where refused documents are reported; without it they are only skipped. */
  setAside?: SetAsideHandlers;
}

const IGNORE_SET_ASIDE: SetAsideHandlers = { onSetAside: () => {}, onPushed: () => {} };

/**
 * Live two-way replication of the jobs collection with the user's database.
 * The checkpoint is keyed by the sync URL and the local data's epoch, so
 * another account or server, or the same one after a wipe, starts from
 * scratch instead of skipping documents. Conflicts go to the collection's
 * three-way merge (extension/db/conflict-handler.ts); a failed push keeps the
 * local write and retries it.
 */
export function replicateJobs(options: JobReplicationOptions): JobReplication {
  const setAside = options.setAside ?? IGNORE_SET_ASIDE;
  const toServer = splitLargePushes(setAsideRefusedDocs(options.fetch, setAside));
  // Under the error-status check, so the backoff sees statuses, not only thrown errors.
  const paced = options.backoff ? withBackoff(toServer, options.backoff) : toServer;
  // An empty epoch keeps the identifier replications had before epochs existed.
  const epoch = options.epoch ? `:${options.epoch}` : '';
  return replicateCouch<Job>({
    collection: options.jobs,
    identifier: `trackruit-jobs:${options.syncUrl}${epoch}`,
    url: options.syncUrl,
    fetch: paced,
    batchSize: REPLICATION_BATCH,
    retryTime: options.retryTime ?? 5_000,
    // Extensions not yet updated still push older versions; they are stored here upgraded.
    upgrade: (doc) => upgradeJobDoc(doc) as WithDeleted<Job>,
    pushModifier: validateBeforePush(setAside),
  });
}
