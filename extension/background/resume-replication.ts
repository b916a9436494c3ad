import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { resumesSyncUrl, validateResumeCouchDoc, type Resume } from '../../shared/resume/doc';
import type { JobCollection, ResumeCollection, TrackruitCollections } from '../db/database';
import { resumeFileStore, type ResumeFileStore } from '../db/resumes-files';
import { ResumeFilesError } from '../resume/resume-files-api';
import type { FetchLike } from './api';
import { CouchPull, type CouchCheckpoint } from './couch/pull';
import { couchPushHandler } from './couch/push-handler';
import { KnownRevisions } from './couch/known-revisions';
import { PulledStates } from './pull-echoes';
import { ResumeFileSync } from './resume-files';
import { setAsideRefusedDocs } from './set-aside';

/**
 * Resumes sync beside jobs, in their own database on the server
 * (`<user db>-resumes`), with RxDB's CouchDB replication, and their original
 * files through the server's file route (./resume-files.ts), with the same
 * CouchDB pull and push handlers as jobs (./couch/). The jobs replication
 * never sees them. Started and stopped with the jobs replication
 * by the SyncController.
 */

export interface ResumeSyncOptions {
  /** The jobs collection the controller already has; the resumes collection lives in the same database. */
  jobs: JobCollection;
  /** The user's jobs database URL; the resumes database is named after it. */
  syncUrl: string;
  serverUrl: string;
  epoch?: string;
  fetch: FetchLike;
  files?: ResumeFileStore;
  /** How long a deleted resume's original is kept for an undo; see ./resume-files.ts. */
  orphanGraceMs?: number;
  retryTime?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface ResumeSync {
  /** Asks the server for anything missed and moves original files now. */
  reSync(): void;
  stop(): Promise<void>;
  readonly replication: RxReplicationState<Resume, CouchCheckpoint>;
  readonly files: ResumeFileSync;
}

/** RxDB's CouchDB plugin reads error bodies as answers; errors must be thrown to reach its retry path. */
function failOnHttpError(fetchFn: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`The sync server answered ${response.status} for ${new URL(input).pathname}`);
    }
    return response;
  };
}

/** A database opened before resumes existed has no such collection: nothing to sync then. */
function resumesOf(jobs: JobCollection): ResumeCollection | undefined {
  return (jobs.database.collections as Partial<TrackruitCollections>).resumes;
}

export function startResumeSync(options: ResumeSyncOptions): ResumeSync | undefined {
  const resumes = resumesOf(options.jobs);
  if (!resumes) return undefined;
  const log = options.log ?? ((message: string, error?: unknown) => console.warn(message, error ?? ''));
  const url = resumesSyncUrl(options.syncUrl);
  const epoch = options.epoch ? `:${options.epoch}` : '';
  const refused = {
    onSetAside: (docs: { id: string; issues: { path: string; message: string }[] }[]) =>
      log(`TrackRuit: the server refused resumes ${docs.map((doc) => doc.id).join(', ')}`, docs),
    onPushed: () => {},
  };
  const retryTime = options.retryTime ?? 5_000;
  const db = { url, fetch: failOnHttpError(setAsideRefusedDocs(options.fetch, refused)) };
  const known = new KnownRevisions();
  const pulled = new PulledStates();
  // Resumes are few and up to a megabyte each: small batches keep each request small.
  const batchSize = 20;
  const pull = new CouchPull<Resume>({
    db,
    batchSize,
    known,
    pulled,
    retryTimeMs: retryTime,
    firstPullWaitMs: 30_000,
    onError: (error) => replication.subjects.error.next(error as never),
  });
  const replication: RxReplicationState<Resume, CouchCheckpoint> = replicateRxCollection<Resume, CouchCheckpoint>({
    replicationIdentifier: `trackruit-resumes:${url}${epoch}`,
    collection: resumes,
    deletedField: '_deleted',
    live: true,
    retryTime,
    waitForLeadership: false,
    autoStart: true,
    pull: { handler: pull.handler, batchSize, stream$: pull.stream$.asObservable() },
    push: {
      handler: couchPushHandler<Resume>({ db, known, pulled, upgrade: (doc) => doc, isEqual: (a, b) => resumes.conflictHandler.isEqual(a, b, 'couchdb-push') }),
      batchSize,
      // A resume the server would refuse is kept here and not sent: it would stall every later one.
      modifier: (doc) => {
        const { id, ...rest } = doc;
        const problem = validateResumeCouchDoc({ _id: id, ...rest });
        if (!problem) return doc;
        refused.onSetAside([{ id, issues: problem.issues }]);
        return null;
      },
    },
  });
  replication.onCancel.push(() => pull.stop());
  pull.start();
  // Unreachable servers and expired sessions already show through the jobs replication; RxDB retries these.

  const files = new ResumeFileSync({
    resumes,
    files: options.files ?? resumeFileStore(),
    serverUrl: options.serverUrl,
    fetch: options.fetch,
    log,
    ...(options.orphanGraceMs === undefined ? {} : { orphanGraceMs: options.orphanGraceMs }),
  });
  const sweep = () =>
    void files.sweep().catch((error: unknown) => {
      // Offline or signed out: the next pass (alarm, change, reconnect) tries again.
      if (error instanceof ResumeFilesError && (error.kind === 'network' || error.kind === 'unauthorized')) return;
      log('TrackRuit: resume files could not sync', error);
    });
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A burst of edits (typing in the form) is one pass, a second after the last.
  const changes = resumes.$.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(sweep, 1_000);
  });
  sweep();

  return {
    replication,
    files,
    reSync() {
      replication.reSync();
      sweep();
    },
    async stop() {
      clearTimeout(timer);
      changes.unsubscribe();
      await replication.cancel();
    },
  };
}

/**
 * Removes every resume and original file from this device for good, with the
 * jobs, when an account's data leaves it; purged, not tombstoned, like jobs.
 */
export async function wipeLocalResumes(jobs: JobCollection, files: ResumeFileStore = resumeFileStore()): Promise<void> {
  const resumes = resumesOf(jobs);
  if (resumes) {
    await resumes.find().remove();
    await resumes.cleanup(0);
  }
  await files.clear();
}

export async function countLocalResumes(jobs: JobCollection): Promise<number> {
  const resumes = resumesOf(jobs);
  return resumes ? resumes.count().exec() : 0;
}
