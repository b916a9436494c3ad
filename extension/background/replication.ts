import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { upgradeJobDoc, type Job } from '../../shared/schema';
import type { JobCollection } from '../db/database';
import type { FetchLike } from './api';
import { withBackoff, type Backoff } from './backoff';
import { REPLICATION_BATCH } from './replication-batch';
import { dropPullEchoes, PulledStates, type OnPulled } from './pull-echoes';
import { splitLargePushes } from './split-push';
import { setAsideRefusedDocs, validateBeforePush, type SetAsideHandlers } from './set-aside';

export type JobReplication = RxCouchDBReplicationState<Job>;

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
 * RxDB's CouchDB plugin starts its live longpoll at `since=now` and stores the
 * sequence of each live result as the pull checkpoint. A change written after
 * the start-up pull read the server, but before the server resolved "now" (a
 * slow or failed first longpoll, a service-worker restart while the server is
 * unreachable), was therefore skipped for good: reSync() starts after it too.
 * The first longpoll starts where the newest checkpoint pull ended instead;
 * it waits for that pull, and fails like an unreachable server if none comes.
 */
function longpollFromPulledSequence(maxWaitMs: number): { wrap(fetchFn: FetchLike): FetchLike; onPulled: OnPulled } {
  let pulledTo: string | undefined;
  let markPulled: () => void = () => {};
  const firstPull = new Promise<void>((resolve) => {
    markPulled = resolve;
  });
  return {
    // Reads the sequence from the pull answers dropPullEchoes parses anyway: live results do not count.
    onPulled(url, body) {
      if (!url.pathname.endsWith('/_changes') || url.searchParams.get('feed') === 'longpoll') return;
      if (body.last_seq === undefined || body.last_seq === null) return;
      pulledTo = String(body.last_seq);
      markPulled();
    },
    wrap: (fetchFn) => async (input, init) => {
      const url = new URL(input);
      if (!url.pathname.endsWith('/_changes') || url.searchParams.get('feed') !== 'longpoll') return fetchFn(input, init);
      if (url.searchParams.get('since') !== 'now') return fetchFn(input, init);
      if (pulledTo === undefined) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([firstPull, new Promise((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
        clearTimeout(timer);
      }
      if (pulledTo === undefined) throw new Error('No pull has reached the sync server yet');
      url.searchParams.set('since', pulledTo);
      return fetchFn(url.toString(), init);
    },
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
  const longpoll = longpollFromPulledSequence(30_000);
  const toServer = splitLargePushes(setAsideRefusedDocs(dropPullEchoes(options.fetch, new PulledStates(), longpoll.onPulled), setAside));
  // Inside failOnHttpError, so the backoff sees statuses, not only thrown errors.
  const paced = options.backoff ? withBackoff(toServer, options.backoff) : toServer;
  // An empty epoch keeps the identifier replications had before epochs existed.
  const epoch = options.epoch ? `:${options.epoch}` : '';
  return replicateCouchDB<Job>({
    replicationIdentifier: `trackruit-jobs:${options.syncUrl}${epoch}`,
    collection: options.jobs,
    url: options.syncUrl,
    fetch: longpoll.wrap(failOnHttpError(paced)) as typeof fetch,
    live: true,
    retryTime: options.retryTime ?? 5_000,
    // Only the background replicates; extension pages open the same database
    // and must not win a leader election that would stop the background's sync.
    waitForLeadership: false,
    autoStart: true,
    // Extensions not yet updated still push older versions; they are stored here upgraded.
    pull: { batchSize: REPLICATION_BATCH.pull, modifier: (doc) => upgradeJobDoc(doc) },
    push: { batchSize: REPLICATION_BATCH.push, modifier: validateBeforePush(setAside) },
  });
}
