import type { RxReplicationState } from 'rxdb/plugins/replication';
import { resumesSyncUrl, validateResumeCouchDoc, type Resume } from '../../shared/resume/doc';
import type { JobCollection, ResumeCollection, TrackruitCollections } from '../db/database';
import { resumeFileStore, type ResumeFileStore } from '../db/resumes-files';
import { ResumeFilesError } from '../resume/resume-files-api';
import type { FetchLike } from './api';
import type { CouchCheckpoint } from './couch/pull';
import { replicateCouch } from './couch/replicate-couch';
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
  // Resumes are few and up to a megabyte each: small batches keep each request small.
  const batchSize = 20;
  const replication: RxReplicationState<Resume, CouchCheckpoint> = replicateCouch<Resume>({
    collection: resumes,
    identifier: `trackruit-resumes:${url}${epoch}`,
    url,
    fetch: setAsideRefusedDocs(options.fetch, refused),
    batchSize: { pull: batchSize, push: batchSize },
    retryTime,
    // A resume the server would refuse is kept here and not sent: it would stall every later one.
    pushModifier: (doc) => {
      const { id, ...rest } = doc;
      const problem = validateResumeCouchDoc({ _id: id, ...rest });
      if (!problem) return doc;
      refused.onSetAside([{ id, issues: problem.issues }]);
      return null;
    },
  });
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
