import type { WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { upgradeJobDoc, type Job } from '../../shared/schema';
import type { JobCollection } from '../db/database';
import type { FetchLike } from './api';
import { withBackoff, type Backoff } from './backoff';
import { REPLICATION_BATCH } from './replication-batch';
import { CouchPull, type CouchCheckpoint } from './couch/pull';
import { couchPushHandler } from './couch/push-handler';
import { KnownRevisions } from './couch/known-revisions';
import { PulledStates } from './pull-echoes';
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

export class SyncHttpError extends Error {
  constructor(readonly status: number, url: string) {
    super(`The sync server answered ${status} for ${new URL(url).pathname}`);
    this.name = 'SyncHttpError';
  }
}

/**
 * RxDB's CouchDB plugin reads every response as a success: an error body
 * crashes its live-pull loop outside its own try/catch, which then stops
 * pulling until the replication is rebuilt. Turning error statuses into
 * thrown errors sends them down RxDB's retry path instead.
 */
function failOnHttpError(fetchFn: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    if (!response.ok) {
      await response.body?.cancel();
      throw new SyncHttpError(response.status, input);
    }
    return response;
  };
}

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
  // Inside failOnHttpError, so the backoff sees statuses, not only thrown errors.
  const paced = options.backoff ? withBackoff(toServer, options.backoff) : toServer;
  const db = { url: options.syncUrl, fetch: failOnHttpError(paced) };
  const retryTime = options.retryTime ?? 5_000;
  const known = new KnownRevisions();
  const pulled = new PulledStates();
  const pull = new CouchPull<Job>({
    db,
    batchSize: REPLICATION_BATCH.pull,
    known,
    pulled,
    retryTimeMs: retryTime,
    firstPullWaitMs: 30_000,
    // Called only once the replication below exists.
    onError: (error) => replication.subjects.error.next(error as never),
  });
  // Extensions not yet updated still push older versions; they are stored here upgraded.
  const upgrade = (doc: WithDeleted<Job>) => upgradeJobDoc(doc) as WithDeleted<Job>;
  // An empty epoch keeps the identifier replications had before epochs existed.
  const epoch = options.epoch ? `:${options.epoch}` : '';
  const replication: JobReplication = replicateRxCollection<Job, CouchCheckpoint>({
    replicationIdentifier: `trackruit-jobs:${options.syncUrl}${epoch}`,
    collection: options.jobs,
    deletedField: '_deleted',
    live: true,
    retryTime,
    // Only the background replicates; extension pages open the same database
    // and must not win a leader election that would stop the background's sync.
    waitForLeadership: false,
    autoStart: true,
    pull: { handler: pull.handler, batchSize: REPLICATION_BATCH.pull, modifier: upgrade, stream$: pull.stream$.asObservable() },
    push: {
      handler: couchPushHandler<Job>({ db, known, pulled, upgrade, isEqual: (a, b) => options.jobs.conflictHandler.isEqual(a, b, 'couchdb-push') }),
      batchSize: REPLICATION_BATCH.push,
      modifier: validateBeforePush(setAside),
    },
  });
  replication.onCancel.push(() => pull.stop());
  pull.start();
  return replication;
}
