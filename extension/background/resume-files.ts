import { RESUME_CONTENT_TYPES, type ResumeContentType } from '../../shared/resume/doc';
import type { ResumeCollection } from '../db/database';
import { allResumes } from '../db/resumes';
import type { ResumeFileStore, StoredOriginal } from '../db/resumes-files';
import { apiUrl, type FetchLike } from './api';

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

interface ServerFile {
  resumeId: string;
  sha256: string;
}

const isContentType = (value: string): value is ResumeContentType => (RESUME_CONTENT_TYPES as readonly string[]).includes(value);

export class ResumeFileSync {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: ResumeFileSyncDeps) {}

  private url(path: string): string {
    return apiUrl(this.deps.serverUrl, path);
  }

  private fileUrl(resumeId: string): string {
    return this.url(`/api/files/resumes/${encodeURIComponent(resumeId)}`);
  }

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
    const response = await this.deps.fetch(this.url('/api/files/resumes'), { method: 'GET' });
    if (!response.ok) throw new Error(`The server answered ${response.status} for the list of resume files`);
    const body = (await response.json()) as { files?: ServerFile[] };
    return new Map((body.files ?? []).map((file) => [file.resumeId, file.sha256]));
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
    if (onServer) {
      const response = await this.deps.fetch(this.fileUrl(original.resumeId), { method: 'DELETE' });
      if (!response.ok && response.status !== 404) throw new Error(`The server answered ${response.status} when removing a resume file`);
    }
    await this.deps.files.delete(original.resumeId);
  }

  private async upload(original: StoredOriginal): Promise<void> {
    const url = `${this.fileUrl(original.resumeId)}?name=${encodeURIComponent(original.fileName)}`;
    const response = await this.deps.fetch(url, {
      method: 'PUT',
      headers: { 'content-type': original.contentType },
      body: original.bytes,
    });
    // A refusal (type, size) will not change by retrying; it is logged and the original stays here.
    if (!response.ok) this.deps.log?.(`TrackRuit: the server refused the original of resume ${original.resumeId} (${response.status})`);
  }

  private async download(resumeId: string): Promise<void> {
    const response = await this.deps.fetch(this.fileUrl(resumeId), { method: 'GET' });
    if (!response.ok) {
      await this.deps.files.wantFailed(resumeId, response.status === 404 ? 'not-on-server' : `status-${response.status}`);
      return;
    }
    const bytes = await response.arrayBuffer();
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const sha256 = (response.headers.get('etag') ?? '').replaceAll('"', '');
    const resume = await this.deps.resumes.findOne(resumeId).exec();
    const file = resume?.toJSON().file;
    await this.deps.files.put({
      resumeId,
      fileName: file?.fileName ?? `resume-${resumeId}`,
      contentType: isContentType(contentType) ? contentType : (file?.contentType ?? 'application/pdf'),
      size: bytes.byteLength,
      sha256: /^[0-9a-f]{64}$/.test(sha256) ? sha256 : (file?.sha256 ?? ''),
      bytes,
    });
  }
}
