import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { checkQuota } from './quota';
import { DEFAULT_QUOTA, type FileQuota, type FileStore, type OpenedFile, type StoredFileInfo, type WriteOptions } from './file-store';
import { isResumeId, isUserId } from './names';
import { isStoredContentType, type StoredContentType } from './sniff';

/**
 * Users' original files under DATA_DIR/files/<userId>/ (the embedded mode;
 * with COUCHDB_URL they are in CouchDB, couch-store.ts). Account deletion
 * removes that folder. Each file is a blob with a random name plus a JSON
 * sidecar naming it; renaming the sidecar into place is the commit, so a
 * reader never sees a half-written file or a sidecar describing other bytes.
 * A duplicated resume shares its source's blob (`share`): two sidecars name
 * one blob, which is removed only when no sidecar names it any more, and
 * counts once against the byte quota. Each resume's sidecar still counts as
 * one of the user's files.
 */

const sidecarSchema = z.object({
  version: z.literal(1),
  resumeId: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.string().refine(isStoredContentType),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedAt: z.string(),
  fileName: z.string(),
  blob: z.string(),
});
type Sidecar = z.infer<typeof sidecarSchema> & { contentType: StoredContentType };

const SIDECAR_SUFFIX = '.json';
/** Sidecars, blobs and temporaries: a resume id plus fixed suffixes, never a separator or "..". */
const SAFE_FILE_NAME = /^\.?[A-Za-z0-9][A-Za-z0-9_-]{0,99}(?:\.[0-9a-f]{16})?\.(?:bin|json|tmp)$/;

const blobName = (resumeId: string) => `${resumeId}.${crypto.randomBytes(8).toString('hex')}.bin`;
/** Any blob of this user's folder: shared blobs carry the name of the resume that first stored them. */
const BLOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}\.[0-9a-f]{16}\.bin$/;

function toInfo(sidecar: Sidecar): StoredFileInfo {
  const { resumeId, size, contentType, sha256, uploadedAt, fileName } = sidecar;
  return { resumeId, size, contentType, sha256, uploadedAt, fileName };
}

export type { FileQuota, OpenedFile, StoredFileInfo } from './file-store';
export { DEFAULT_QUOTA } from './file-store';

/** A file handle opened while the sidecar was current: a later replace cannot change what it reads. */
function openedFrom(info: StoredFileInfo, handle: fs.FileHandle): OpenedFile {
  return {
    info,
    stream: () => handle.createReadStream({ autoClose: false }),
    bytes: async () => new Uint8Array(await handle.readFile()),
    close: () => handle.close().catch(() => undefined),
  };
}

export class UserFileStore implements FileStore {
  private readonly root: string;
  /** One operation at a time per user: the quota check and the commit must see the same folder. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(dataDir: string, private readonly quota: FileQuota = DEFAULT_QUOTA) {
    this.root = path.join(dataDir, 'files');
  }

  list(userId: string): Promise<StoredFileInfo[]> {
    return this.exclusive(userId, async () => (await this.readAll(userId)).map(toInfo).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt)));
  }

  open(userId: string, resumeId: string): Promise<OpenedFile | null> {
    return this.exclusive(userId, async () => {
      const sidecar = await this.readSidecar(userId, resumeId);
      if (!sidecar) return null;
      try {
        return openedFrom(toInfo(sidecar), await fs.open(this.pathIn(userId, sidecar.blob), 'r'));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    });
  }

  /** Stores `bytes` as the user's original for `resumeId`, replacing any earlier one. */
  put(
    userId: string,
    resumeId: string,
    bytes: Uint8Array,
    details: { contentType: StoredContentType; fileName: string },
    options: WriteOptions = {},
  ): Promise<{ info: StoredFileInfo; replaced: boolean }> {
    return this.exclusive(userId, async () => {
      // Checked under the lock: an account deleted while the body was uploading gets no folder back.
      await options.stillAllowed?.();
      const existing = await this.readAll(userId);
      const previous = existing.find((file) => file.resumeId === resumeId);
      const others = existing.filter((file) => file.resumeId !== resumeId);
      checkQuota(others, bytes.byteLength, this.quota);

      const dir = this.userDir(userId);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const sidecar: Sidecar = {
        version: 1,
        resumeId,
        size: bytes.byteLength,
        contentType: details.contentType,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        uploadedAt: new Date().toISOString(),
        fileName: details.fileName,
        blob: blobName(resumeId),
      };
      await writeDurably(this.pathIn(userId, sidecar.blob), bytes);
      const temporary = this.pathIn(userId, `.${resumeId}.${crypto.randomBytes(8).toString('hex')}.tmp`);
      try {
        await writeDurably(temporary, JSON.stringify(sidecar));
        await fs.rename(temporary, this.sidecarPath(userId, resumeId));
      } catch (error) {
        await Promise.all([fs.rm(temporary, { force: true }), fs.rm(this.pathIn(userId, sidecar.blob), { force: true })]);
        throw error;
      }
      await syncDirectory(dir);
      if (previous) await this.removeBlobIfUnused(userId, previous.blob, others);
      return { info: toInfo(sidecar), replaced: previous !== undefined };
    });
  }

  /**
   * Gives `resumeId` the original another of the user's resumes already has
   * (same SHA-256), without its bytes being sent again: a duplicated resume.
   * Null when the user has no such file; the caller uploads it then.
   */
  share(
    userId: string,
    resumeId: string,
    sha256: string,
    details: { fileName?: (contentType: StoredContentType) => string } = {},
    options: WriteOptions = {},
  ): Promise<{ info: StoredFileInfo; replaced: boolean } | null> {
    return this.exclusive(userId, async () => {
      await options.stillAllowed?.();
      const existing = await this.readAll(userId);
      const previous = existing.find((file) => file.resumeId === resumeId);
      if (previous?.sha256 === sha256) return { info: toInfo(previous), replaced: false };
      const others = existing.filter((file) => file.resumeId !== resumeId);
      const source = others.find((file) => file.sha256 === sha256);
      if (!source) return null;
      // The blob may have gone with a crash between a sidecar's and its blob's removal.
      if (!(await exists(this.pathIn(userId, source.blob)))) return null;
      checkQuota(others, 0, this.quota);

      const dir = this.userDir(userId);
      const sidecar: Sidecar = {
        version: 1,
        resumeId,
        size: source.size,
        contentType: source.contentType,
        sha256,
        uploadedAt: new Date().toISOString(),
        fileName: details.fileName?.(source.contentType) ?? source.fileName,
        blob: source.blob,
      };
      const temporary = this.pathIn(userId, `.${resumeId}.${crypto.randomBytes(8).toString('hex')}.tmp`);
      try {
        await writeDurably(temporary, JSON.stringify(sidecar));
        await fs.rename(temporary, this.sidecarPath(userId, resumeId));
      } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
      }
      await syncDirectory(dir);
      if (previous) await this.removeBlobIfUnused(userId, previous.blob, [...others, sidecar]);
      return { info: toInfo(sidecar), replaced: previous !== undefined };
    });
  }

  /** A blob goes only when no remaining sidecar names it: a duplicate may still use it. */
  private async removeBlobIfUnused(userId: string, blob: string, remaining: Sidecar[]): Promise<void> {
    if (remaining.some((file) => file.blob === blob)) return;
    await fs.rm(this.pathIn(userId, blob), { force: true });
  }

  /** False when there was nothing to delete. */
  delete(userId: string, resumeId: string): Promise<boolean> {
    return this.exclusive(userId, async () => {
      const sidecar = await this.readSidecar(userId, resumeId);
      if (!sidecar) return false;
      // The sidecar goes first: without it the blob is unreachable, so a crash here leaves only garbage.
      await fs.rm(this.sidecarPath(userId, resumeId), { force: true });
      const remaining = (await this.readAll(userId)).filter((file) => file.resumeId !== resumeId);
      await this.removeBlobIfUnused(userId, sidecar.blob, remaining);
      return true;
    });
  }

  /** Removes the user's folder once their running operations are done (account deletion). */
  removeUser(userId: string): Promise<void> {
    return this.exclusive(userId, () => fs.rm(this.userDir(userId), { recursive: true, force: true }));
  }

  private async readAll(userId: string): Promise<Sidecar[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.userDir(userId));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const ids = names.filter((name) => name.endsWith(SIDECAR_SUFFIX)).map((name) => name.slice(0, -SIDECAR_SUFFIX.length)).filter(isResumeId);
    const sidecars = await Promise.all(ids.map((id) => this.readSidecar(userId, id)));
    return sidecars.filter((sidecar): sidecar is Sidecar => sidecar !== null);
  }

  private async readSidecar(userId: string, resumeId: string): Promise<Sidecar | null> {
    let text: string;
    try {
      text = await fs.readFile(this.sidecarPath(userId, resumeId), 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const parsed = sidecarSchema.safeParse(JSON.parse(text));
    // A sidecar naming anything but a blob of this folder would be a way out of the pattern: ignore it.
    if (!parsed.success || parsed.data.resumeId !== resumeId || !BLOB_NAME.test(parsed.data.blob)) return null;
    return parsed.data as Sidecar;
  }

  private userDir(userId: string): string {
    if (!isUserId(userId)) throw new Error('Refusing a user id that is not a single safe path segment');
    return path.join(this.root, userId);
  }

  private sidecarPath(userId: string, resumeId: string): string {
    return this.pathIn(userId, `${resumeId}${SIDECAR_SUFFIX}`);
  }

  private pathIn(userId: string, name: string): string {
    if (!SAFE_FILE_NAME.test(name)) throw new Error('Refusing a file name outside the resume id pattern');
    return path.join(this.userDir(userId), name);
  }

  private exclusive<T>(userId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(() => undefined, () => undefined);
    this.queues.set(userId, settled);
    void settled.then(() => {
      if (this.queues.get(userId) === settled) this.queues.delete(userId);
    });
    return run;
  }
}

async function writeDurably(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
