import type { RxCollection, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { FetchLike } from '../api';
import { PulledStates } from '../pull-echoes';
import { KnownRevisions } from './known-revisions';
import { CouchPull, type CouchCheckpoint } from './pull';
import { couchPushHandler } from './push-handler';

export class SyncHttpError extends Error {
  constructor(readonly status: number, url: string) {
    super(`The sync server answered ${status} for ${new URL(url).pathname}`);
    this.name = 'SyncHttpError';
  }
}

/**
 * Error statuses become thrown errors, so RxDB's retry path (and the
 * backoff, which sees them first) handles them instead of reading an error
 * body as an answer.
 */
export function failOnHttpError(fetchFn: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    if (!response.ok) {
      await response.body?.cancel();
      throw new SyncHttpError(response.status, input);
    }
    return response;
  };
}

export interface CouchReplicationOptions<T> {
  collection: RxCollection<T>;
  /** Names the checkpoint: another database or a wiped device starts from scratch. */
  identifier: string;
  /** The server database, ending in `/`. */
  url: string;
  /** The fetch chain to the server (auth, set-aside, backoff); error statuses are thrown on top of it. */
  fetch: FetchLike;
  batchSize: { pull: number; push: number };
  retryTime: number;
  /** Brings a server version to the current schema (pulled, and compared before a push). */
  upgrade?: (doc: WithDeleted<T>) => WithDeleted<T>;
  /** Returns null to keep a document on the device instead of pushing it. */
  pushModifier?: (doc: WithDeleted<T>) => WithDeleted<T> | null;
}

/**
 * Live two-way replication of one collection with one CouchDB database:
 * RxDB's replication protocol (checkpoints, assumed server states, the
 * collection's conflict handler) over TrackRuit's CouchDB handlers.
 */
export function replicateCouch<T>(options: CouchReplicationOptions<T>): RxReplicationState<T, CouchCheckpoint> {
  const db = { url: options.url, fetch: failOnHttpError(options.fetch) };
  const known = new KnownRevisions();
  const pulled = new PulledStates();
  const upgrade = options.upgrade ?? ((doc: WithDeleted<T>) => doc);
  const pull = new CouchPull<T>({
    db,
    batchSize: options.batchSize.pull,
    known,
    pulled,
    retryTimeMs: options.retryTime,
    firstPullWaitMs: 30_000,
    // Called only once the replication below exists.
    onError: (error) => replication.subjects.error.next(error as never),
  });
  const replication = replicateRxCollection<T, CouchCheckpoint>({
    replicationIdentifier: options.identifier,
    collection: options.collection,
    deletedField: '_deleted',
    live: true,
    retryTime: options.retryTime,
    // Only the background replicates; extension pages open the same database
    // and must not win a leader election that would stop the background's sync.
    waitForLeadership: false,
    autoStart: true,
    pull: { handler: pull.handler, batchSize: options.batchSize.pull, modifier: upgrade, stream$: pull.stream$.asObservable() },
    push: {
      handler: couchPushHandler<T>({ db, known, pulled, upgrade, isEqual: (a, b) => options.collection.conflictHandler.isEqual(a, b, 'couchdb-push') }),
      batchSize: options.batchSize.push,
      ...(options.pushModifier ? { modifier: options.pushModifier } : {}),
    },
  });
  replication.onCancel.push(() => pull.stop());
  pull.start();
  return replication;
}
