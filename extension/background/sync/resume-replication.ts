import { resumesSyncUrl, validateResumeCouchDoc, type Resume } from '../../../shared/resume/doc';
import type { JobCollection, ResumeCollection, TrackruitCollections } from '../../db/database';
import { resumeFileStore, type ResumeFileStore } from '../../db/resumes-files';
import { purgeDeletedDocs } from '../../db/purge-deleted';
import { ResumeFilesError } from '../../resume/resume-files-api';
import type { FetchLike } from '../api';
import type { Subscription } from 'rxjs';
import type { Backoff } from './backoff';
import { pendingOriginalId, pendingResumeId, type ChangeEvent, type PendingChanges } from './pending-changes';
import { ResumeFileSync } from './resume-files';
import { replicateCollection } from './replication';
import type { SetAsideDoc } from './set-aside';
import type { SyncEngine } from './engine';
import type { SyncIssueTracker } from './sync-issues';

/**
 * Resumes sync beside jobs, in their own database on the server
 * (`<user db>-resumes`), through the same sync engine and fetch chain as jobs
 * (./replication.ts: split pushes, backoff, set-aside), and their original
 * files through the server's file route (./resume-files.ts). The jobs
 * replication never sees them. Started and stopped with the jobs
 * replication by the SyncController.
 */

export interface ResumeSyncOptions {
  /** The jobs collection the controller already has; the resumes collection lives in the same database. */
  jobs: JobCollection;
  /** The user's jobs database URL; the resumes database is named after it. */
  syncUrl: string;
  serverUrl: string;
  epoch?: string;
  fetch: FetchLike;
  /** The jobs replication's backoff: one server, one pace. */
  backoff?: Backoff;
  files?: ResumeFileStore;
  /** How long a deleted resume's original is kept for an undo; see ./resume-files.ts. */
  orphanGraceMs?: number;
  retryTime?: number;
  log?: (message: string, error?: unknown) => void;
  /** Where refused resumes are listed for the user (sync issues), beside the jobs'. */
  setAside?: SyncIssueTracker['resumes'];
  /** Where refused original files are listed, beside them. */
  refusedFiles?: SyncIssueTracker['resumeFiles'];
  /** "Changes waiting": resumes leave it once pushed or refused, originals once on the server. */
  pending?: Pick<PendingChanges, 'remove' | 'reconcile'>;
}

export interface ResumeSync {
  /** Asks the server for anything missed and moves original files now. */
  reSync(): void;
  stop(): Promise<void>;
  readonly replication: SyncEngine<Resume>;
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
    onSetAside: (docs: (SetAsideDoc & { name?: string })[]) =>
      void namedAfter(resumes, docs).then((named) => {
        log(`TrackRuit: the server refused resumes ${named.map((doc) => doc.name ?? doc.id).join(', ')}`, named);
        options.setAside?.onSetAside(named);
        // Refused resumes wait for an edit, shown as sync issues rather than as changes waiting.
        void options.pending?.remove(named.map((doc) => pendingResumeId(doc.id)));
      }),
    onPushed: (ids: string[]) => {
      options.setAside?.onPushed(ids);
      void options.pending?.remove(ids.map(pendingResumeId));
    },
  };
  const retryTime = options.retryTime ?? 5_000;
  // Resumes are few and up to a megabyte each: small batches keep each request small.
  const batchSize = 20;
  const replication = replicateCollection<Resume>({
    collection: resumes,
    identifier: `trackruit-resumes:${url}${epoch}`,
    url,
    fetch: options.fetch,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    setAside: refused,
    batchSize: { pull: batchSize, push: batchSize },
    retryTime,
    checkIncoming: (doc) => validateResumeCouchDoc(doc)?.issues ?? null,
    // A resume the server would refuse is kept here and not sent: it would stall every later one.
    pushModifier: (doc) => {
      const { id, ...rest } = doc;
      const problem = validateResumeCouchDoc({ _id: id, ...rest });
      if (!problem) return doc;
      refused.onSetAside([{ id, issues: problem.issues, ...(typeof doc.name === 'string' && doc.name.trim() ? { name: doc.name } : {}) }]);
      return null;
    },
  });
  // Unreachable servers and expired sessions already show through the jobs replication; the engine retries these.

  const files = new ResumeFileSync({
    resumes,
    files: options.files ?? resumeFileStore(),
    serverUrl: options.serverUrl,
    fetch: options.fetch,
    log,
    ...(options.pending ? { pending: options.pending } : {}),
    ...(options.refusedFiles ? { refused: options.refusedFiles } : {}),
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

/** A refused resume is listed by its name: "Backend 2026" tells the person which one, a UUID does not. */
async function namedAfter(resumes: ResumeCollection, docs: (SetAsideDoc & { name?: string })[]): Promise<(SetAsideDoc & { name?: string })[]> {
  return Promise.all(
    docs.map(async (doc) => {
      if (doc.name) return doc;
      const name = await resumes
        .findOne(doc.id)
        .exec()
        .then((found) => found?.name, () => undefined);
      return name ? { ...doc, name } : doc;
    }),
  );
}

/**
 * What a local write of resumes leaves waiting: the resume, and for a new
 * one its original too (counted until the file route has it; ./resume-files.ts
 * settles that list on each pass).
 */
export function pendingIdsOfResumeWrite(event: ChangeEvent): string[] {
  return event.operation === 'INSERT' ? [pendingResumeId(event.documentId), pendingOriginalId(event.documentId)] : [pendingResumeId(event.documentId)];
}

/** Counts local resume writes as changes waiting, with the jobs'; nothing without a resumes collection. */
export function followLocalResumeWrites(jobs: JobCollection, pending: Pick<PendingChanges, 'follow'>): Subscription | undefined {
  const resumes = resumesOf(jobs);
  return resumes ? pending.follow(resumes.eventBulks$, pendingIdsOfResumeWrite) : undefined;
}

/**
 * Removes every resume and original file from this device for good, with the
 * jobs, when an account's data leaves it; purged, not tombstoned, like jobs.
 */
export async function wipeLocalResumes(jobs: JobCollection, files: ResumeFileStore = resumeFileStore()): Promise<void> {
  const resumes = resumesOf(jobs);
  if (resumes) {
    await resumes.find().remove();
    await purgeDeletedDocs(resumes);
  }
  await files.clear();
}

export async function countLocalResumes(jobs: JobCollection): Promise<number> {
  const resumes = resumesOf(jobs);
  return resumes ? resumes.count().exec() : 0;
}
