import type { ResumeCollection } from '../../db/database';
import { allResumes } from '../../db/resumes';
import type { ResumeFileStore, StoredOriginal } from '../../db/resumes-files';
import { deleteOriginal, downloadOriginal, listOriginals, ResumeFilesError, uploadOriginal } from '../../resume/resume-files-api';
import { apiUrl, type FetchLike } from '../api';
import { PENDING_ORIGINAL_PREFIX, pendingOriginalId } from './pending-changes';
import type { NamedSetAsideHandlers } from './sync-issues';

/**
 * Moves original resume files between this device and the server's file
 * route (/api/files/resumes). Replication carries the parsed resume; the
 * bytes go here:
 * - an original on this device that the server lacks (or holds in another
 *   version) is uploaded, unless the server already holds the same bytes for
 *   another resume (a duplicate): then the two share them, and nothing is
 *   sent again. A resume with no original here (duplicated on a device that
 *   never downloaded it, or imported) shares one the server has the same way;
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
  /** Where originals waiting for upload are counted ("changes waiting"). */
  pending?: { reconcile(prefix: string, waiting: readonly string[]): Promise<void> };
  /** Where originals the server refused are listed for the person (sync issues), by resume id and name. */
  refused?: NamedSetAsideHandlers;
}

/** The access token is set by the authenticating fetch (createAuthFetch), which also refreshes it. */
const BEARER_FROM_FETCH = '';

export class ResumeFileSync {
  private running: Promise<void> | undefined;
  private again = false;
  /** Resumes the server had an original for at the last look: a pass without local originals need not ask again. */
  private readonly knownOnServer = new Set<string>();

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
    const resumes = await allResumes(this.deps.resumes);
    const live = new Set(resumes.map((resume) => resume.id));
    const names = new Map(resumes.map((resume) => [resume.id, resume.name]));
    const local = await this.deps.files.list();
    const wanted = await this.deps.files.wanted();
    const localIds = new Set(local.map((original) => original.resumeId));
    const withoutOriginal = resumes.filter((resume) => !localIds.has(resume.id) && !this.knownOnServer.has(resume.id));
    if (local.length === 0 && wanted.length === 0 && withoutOriginal.length === 0) {
      await this.deps.pending?.reconcile(PENDING_ORIGINAL_PREFIX, []);
      return;
    }
    const onServer = await this.serverFiles();
    this.knownOnServer.clear();
    for (const id of onServer.keys()) this.knownOnServer.add(id);
    const now = (this.deps.now ?? (() => new Date()))();
    const grace = this.deps.orphanGraceMs ?? ORPHAN_GRACE_MS;
    const waiting: string[] = [];

    for (const original of local) {
      if (!live.has(original.resumeId)) {
        await this.orphaned(original, onServer.has(original.resumeId), now, grace);
        continue;
      }
      if (original.orphanSince) await this.deps.files.setOrphanSince(original.resumeId, undefined);
      if (onServer.get(original.resumeId) === original.sha256) continue;
      const stored = (await this.shared(original.resumeId, original.sha256, original.fileName, onServer)) || (await this.upload(original, names.get(original.resumeId)));
      if (stored) this.stored(original.resumeId, original.sha256, onServer);
      else waiting.push(pendingOriginalId(original.resumeId));
    }
    for (const resume of withoutOriginal) {
      if (!onServer.has(resume.id)) await this.shared(resume.id, resume.file.sha256, resume.file.fileName, onServer);
    }
    await this.deps.pending?.reconcile(PENDING_ORIGINAL_PREFIX, waiting);
    // A refusal listed earlier ends once the server has the file, or its resume is gone.
    const settled = local.map((original) => original.resumeId).filter((id) => onServer.has(id) || !live.has(id));
    if (settled.length > 0) this.deps.refused?.onPushed(settled);
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

  private stored(resumeId: string, sha256: string, onServer: Map<string, string>): void {
    onServer.set(resumeId, sha256);
    this.knownOnServer.add(resumeId);
  }

  /** Shares the bytes another resume already has on the server; false when none has them. */
  private async shared(resumeId: string, sha256: string, fileName: string, onServer: Map<string, string>): Promise<boolean> {
    if (![...onServer.values()].includes(sha256)) return false;
    if (!(await shareOriginal(this.deps.fetch, this.deps.serverUrl, resumeId, sha256, fileName))) return false;
    this.stored(resumeId, sha256, onServer);
    return true;
  }

  /** True once the server has it; false when it refused it (the original stays here, and waits). */
  private async upload(original: StoredOriginal, name: string | undefined): Promise<boolean> {
    try {
      const blob = new Blob([original.bytes], { type: original.contentType });
      await uploadOriginal(this.deps.fetch, this.deps.serverUrl, BEARER_FROM_FETCH, original.resumeId, blob, { fileName: original.fileName });
      return true;
    } catch (error) {
      // A refusal (type, size, quota) will not change by retrying now; the original stays here and the next pass tries again.
      if (error instanceof ResumeFilesError && error.kind !== 'network' && error.kind !== 'server') {
        this.deps.log?.(`TrackRuit: the server refused the original of resume ${original.resumeId}: ${error.message}`);
        this.deps.refused?.onSetAside([{ id: original.resumeId, issues: [{ path: '(document)', message: error.message }], ...(name ? { name } : {}) }]);
        return false;
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

/**
 * POST /api/files/resumes/:id/share: the server gives `resumeId` the bytes
 * it already holds with this hash. False when it has none, or is a server
 * from before sharing (it answers 404 to the route): the caller uploads then.
 */
export async function shareOriginal(fetchFn: FetchLike, serverUrl: string, resumeId: string, sha256: string, fileName: string): Promise<boolean> {
  let response: Response;
  try {
    response = await fetchFn(apiUrl(serverUrl, `api/files/resumes/${encodeURIComponent(resumeId)}/share`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sha256, name: fileName }),
    });
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'AbortError') throw error;
    throw new ResumeFilesError(`Can't reach the server at ${serverUrl}. The file stays on this device; try again later.`, 'network');
  }
  if (response.ok) return true;
  if (response.status === 404 || response.status === 413) return false;
  if (response.status === 401) throw new ResumeFilesError('Your session has ended; sign in again to keep files on the server.', 'unauthorized', 401);
  throw new ResumeFilesError(`The server answered ${response.status} when sharing an original.`, response.status >= 500 ? 'server' : 'protocol', response.status);
}
