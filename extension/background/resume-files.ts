import type { ResumeCollection } from '../db/database';
import { allResumes } from '../db/resumes';
import type { ResumeFileStore, StoredOriginal } from '../db/resumes-files';
import { deleteOriginal, downloadOriginal, listOriginals, ResumeFilesError, uploadOriginal } from '../resume/resume-files-api';
import type { FetchLike } from './api';

/**
 * Moves original resume files between this device and the server's file
 * route (/api/files/resumes). Replication carries the parsed resume; the
 * bytes go here:
 * - an original on this device that the server lacks (or holds in another
 *   version) is uploaded;
 * - an original a page asked for (`wanted`) is downloaded;
 * - an original whose resume was deleted is removed, here and on the server,
 *   once it has stayed deleted for `orphanGraceMs` (undo brings it back sooner).
 * Every pass starts from what is stored, so a pass cut short by a stopped
 * service worker or an unreachable server is simply done again later.
 */

export const ORPHAN_GRACE_MS = 10 * 60_000;

export interface ResumeFileSyncDeps {
  resumes: ResumeCollection;
  files: ResumeFileStore;
  serverUrl: string;
  /** Adds the bearer token and refreshes it (createAuthFetch). */
  fetch: FetchLike;
  orphanGraceMs?: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

/** The access token is set by the authenticating fetch (createAuthFetch), which also refreshes it. */
const BEARER_FROM_FETCH = '';

export class ResumeFileSync {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: ResumeFileSyncDeps) {}

  /** Runs a pass now, or one more right after the pass under way. */
  sweep(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async serverFiles(): Promise<Map<string, string>> {
    const files = await listOriginals(this.deps.fetch, this.deps.serverUrl, BEARER_FROM_FETCH);
    return new Map(files.map((file) => [file.resumeId, file.sha256]));
  }

  private async pass(): Promise<void> {
    const live = new Set((await allResumes(this.deps.resumes)).map((resume) => resume.id));
    const local = await this.deps.files.list();
    const wanted = await this.deps.files.wanted();
    if (local.length === 0 && wanted.length === 0) return;
    const onServer = await this.serverFiles();
    const now = (this.deps.now ?? (() => new Date()))();
    const grace = this.deps.orphanGraceMs ?? ORPHAN_GRACE_MS;

    for (const original of local) {
      if (!live.has(original.resumeId)) {
        await this.orphaned(original, onServer.has(original.resumeId), now, grace);
        continue;
      }
      if (original.orphanSince) await this.deps.files.setOrphanSince(original.resumeId, undefined);
      if (onServer.get(original.resumeId) !== original.sha256) await this.upload(original);
    }
    const localIds = new Set(local.map((original) => original.resumeId));
    for (const entry of wanted) {
      if (localIds.has(entry.resumeId) || !live.has(entry.resumeId)) continue;
      if (!onServer.has(entry.resumeId)) {
        await this.deps.files.wantFailed(entry.resumeId, 'not-on-server');
        continue;
      }
      await this.download(entry.resumeId);
    }
  }

  private async orphaned(original: StoredOriginal, onServer: boolean, now: Date, grace: number): Promise<void> {
    if (!original.orphanSince) {
      await this.deps.files.setOrphanSince(original.resumeId, now.toISOString());
      return;
    }
    if (now.getTime() - Date.parse(original.orphanSince) < grace) return;
    if (onServer) await deleteOriginal(this.deps.fetch, this.deps.serverUrl, BEARER_FROM_FETCH, original.resumeId);
    await this.deps.files.delete(original.resumeId);
  }

  private async upload(original: StoredOriginal): Promise<void> {
    try {
      const blob = new Blob([original.bytes], { type: original.contentType });
      await uploadOriginal(this.deps.fetch, this.deps.serverUrl, BEARER_FROM_FETCH, original.resumeId, blob, { fileName: original.fileName });
    } catch (error) {
      // A refusal (type, size, quota) will not change by retrying now; the original stays here and the next pass tries again.
      if (error instanceof ResumeFilesError && error.kind !== 'network' && error.kind !== 'server') {
        this.deps.log?.(`TrackRuit: the server refused the original of resume ${original.resumeId}: ${error.message}`);
        return;
      }
      throw error;
    }
  }

  private async download(resumeId: string): Promise<void> {
    let downloaded;
    try {
      downloaded = await downloadOriginal(this.deps.fetch, this.deps.serverUrl, BEARER_FROM_FETCH, resumeId);
    } catch (error) {
      await this.deps.files.wantFailed(resumeId, error instanceof ResumeFilesError && error.kind === 'not-found' ? 'not-on-server' : 'failed');
      throw error;
    }
    const bytes = await downloaded.blob.arrayBuffer();
    const file = (await this.deps.resumes.findOne(resumeId).exec())?.toJSON().file;
    await this.deps.files.put({
      resumeId,
      fileName: file?.fileName ?? downloaded.fileName ?? `resume-${resumeId}`,
      contentType: downloaded.contentType,
      size: bytes.byteLength,
      sha256: downloaded.sha256 ?? file?.sha256 ?? '',
      bytes,
    });
  }
}
