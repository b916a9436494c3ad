import crypto from 'node:crypto';
import type http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import { HttpError } from '../errors';
import { CouchHttpError, type CouchClient } from '../storage/couch/client';
import type { CouchDatabases } from '../storage/couch/databases';
import { DEFAULT_QUOTA, type FileQuota, type FileStore, type OpenedFile, type StoredFileInfo, type WriteOptions } from './file-store';
import {
  blobPrefix, blobUnused, type Change, isBlobOf, type ManifestEntry, type ManifestFiles, manifestId,
  readManifestFiles, sortedInfos, toInfo, withEntry, withShared, without,
} from './manifest';
import type { StoredContentType } from './sniff';

/**
 * Users' original files in CouchDB (COUCHDB_URL), in one server-side
 * database (`<prefix>files`) that no sync route can name: attachments in a
 * user's own database would replicate to their devices.
 *
 * - `blob:<userId>:<random>`: one document per stored upload, its bytes the
 *   attachment `file`. Never changed once written; duplicates share one.
 * - `manifest:<userId>`: resume id → file details and blob id (manifest.ts).
 *
 * A blob is written first; the manifest naming it, written with the `_rev`
 * it was computed from, is the commit. A 409 means another instance
 * committed meanwhile: the change (and the quota check) is computed again
 * on the new revision, so two instances can never pass the quota together.
 * A blob goes once a committed manifest names it nowhere; blobs a crash left
 * unnamed go with the account.
 */

const DATABASE = 'files';
const ATTACHMENT = 'file';
/** Enough for a burst of uploads from every device of one user at once; then the caller gets a 503. */
const MAX_COMMIT_ATTEMPTS = 12;
/** A read that keeps finding its blob replaced under it gives up rather than loop. */
const MAX_OPEN_ATTEMPTS = 3;
const SWEEP_PAGE = 500;
/** Far more pages than a user has blobs (50 files, plus what crashes left). */
const MAX_SWEEP_PAGES = 20;

interface Manifest {
  rev: string | undefined;
  files: ManifestFiles;
}

export interface CouchFileStoreOptions {
  quota?: FileQuota;
}

export class CouchFileStore implements FileStore {
  private readonly quota: FileQuota;
  private readonly root: string;
  private created: Promise<void> | undefined;

  constructor(private readonly couch: { client: CouchClient; databases: CouchDatabases }, options: CouchFileStoreOptions = {}) {
    this.quota = options.quota ?? DEFAULT_QUOTA;
    this.root = `/${encodeURIComponent(couch.databases.remoteName(DATABASE))}`;
  }

  async list(userId: string): Promise<StoredFileInfo[]> {
    return sortedInfos((await this.readManifest(userId)).files);
  }

  /** The account export's view: one entry per resume, named by its id and file name. */
  async exportList(userId: string): Promise<{ path: string; size: number; modifiedAt: string }[]> {
    return (await this.list(userId)).map((file) => ({ path: `${file.resumeId}/${file.fileName}`, size: file.size, modifiedAt: file.uploadedAt }));
  }

  async open(userId: string, resumeId: string): Promise<OpenedFile | null> {
    for (let attempt = 0; attempt < MAX_OPEN_ATTEMPTS; attempt += 1) {
      const entry = (await this.readManifest(userId)).files[resumeId];
      if (!entry) return null;
      const response = await this.couch.client.request({ method: 'GET', path: this.attachmentPath(entry.blob), headers: { accept: '*/*' } });
      if (response.statusCode === 200) return openedFrom(entry, response);
      response.resume();
      // Replaced (and its blob removed) between reading the manifest and asking for the bytes: read the manifest again.
      if (response.statusCode !== 404) throw new CouchHttpError(response.statusCode ?? 0, 'reading a stored file', 'refused');
    }
    throw new HttpError(503, 'file_busy', 'The file kept changing while it was read; try again');
  }

  async put(
    userId: string,
    resumeId: string,
    bytes: Uint8Array,
    details: { contentType: StoredContentType; fileName: string },
    options: WriteOptions = {},
  ): Promise<{ info: StoredFileInfo; replaced: boolean }> {
    await options.stillAllowed?.();
    const entry: ManifestEntry = {
      resumeId,
      size: bytes.byteLength,
      contentType: details.contentType,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      uploadedAt: new Date().toISOString(),
      fileName: details.fileName,
      blob: `${blobPrefix(userId)}${crypto.randomBytes(16).toString('hex')}`,
    };
    // Refused before the bytes travel when the quota is already full; checked again at the commit.
    withEntry((await this.readManifest(userId)).files, entry, this.quota);
    await this.writeBlob(entry.blob, bytes, details.contentType);
    let change: Change;
    try {
      change = await this.commit(userId, (files) => withEntry(files, entry, this.quota));
    } catch (error) {
      await this.removeBlob(entry.blob).catch(() => undefined);
      throw error;
    }
    await this.afterCommit(userId, change, options);
    return { info: toInfo(entry), replaced: change.previous !== undefined };
  }

  async share(
    userId: string,
    resumeId: string,
    sha256: string,
    details: { fileName?: (contentType: StoredContentType) => string } = {},
    options: WriteOptions = {},
  ): Promise<{ info: StoredFileInfo; replaced: boolean } | null> {
    await options.stillAllowed?.();
    const uploadedAt = new Date().toISOString();
    // What the last attempt found when it wrote nothing: the resume already had these bytes.
    const found: { unchanged?: ManifestEntry } = {};
    const change = await this.commit(userId, (files) => {
      const shared = withShared(files, resumeId, sha256, { uploadedAt, ...details }, this.quota);
      found.unchanged = shared === 'unchanged' ? files[resumeId] : undefined;
      return shared === 'unchanged' ? null : shared;
    });
    if (!change) return found.unchanged ? { info: toInfo(found.unchanged), replaced: false } : null;
    await this.afterCommit(userId, change, options);
    return { info: toInfo(change.entry), replaced: change.previous !== undefined };
  }

  async delete(userId: string, resumeId: string): Promise<boolean> {
    const change = await this.commit(userId, (files) => {
      const next = without(files, resumeId);
      return next.removed ? { files: next.files, previous: next.removed, entry: next.removed } : null;
    });
    if (!change?.previous) return false;
    if (blobUnused(change.files, change.previous.blob)) await this.removeBlob(change.previous.blob);
    return true;
  }

  /** The manifest first (no file is reachable after it), then every blob of the user, named or not. */
  async removeUser(userId: string): Promise<void> {
    await this.ensureDatabase();
    for (let attempt = 0; ; attempt += 1) {
      const manifest = await this.readManifest(userId);
      if (manifest.rev === undefined) break;
      const deleted = await this.couch.client.json<{ reason?: string }>({ method: 'DELETE', path: `${this.docPath(manifestId(userId))}?rev=${encodeURIComponent(manifest.rev)}` });
      if (deleted.status === 200 || deleted.status === 202 || deleted.status === 404) break;
      if (deleted.status !== 409 || attempt + 1 >= MAX_COMMIT_ATTEMPTS) throw new CouchHttpError(deleted.status, 'deleting a file manifest', deleted.body?.reason ?? 'refused');
    }
    // A page at a time; bounded, so a blob CouchDB keeps refusing to delete fails the deletion (retried at the next start) instead of looping.
    for (let page = 0; page < MAX_SWEEP_PAGES; page += 1) {
      const blobs = await this.blobsOf(userId);
      if (blobs.length === 0) return;
      const answer = await this.couch.client.json<unknown>({
        method: 'POST',
        path: `${this.root}/_bulk_docs`,
        body: JSON.stringify({ docs: blobs.map(({ id, rev }) => ({ _id: id, _rev: rev, _deleted: true })) }),
      });
      if (answer.status !== 201 && answer.status !== 202) throw new CouchHttpError(answer.status, 'deleting stored files', 'refused');
    }
    throw new Error('Stored files of a deleted account are still there after sweeping them');
  }

  /** Every live blob document of the user: id and revision. */
  private async blobsOf(userId: string): Promise<{ id: string; rev: string }[]> {
    const prefix = blobPrefix(userId);
    const range = `start_key=${encodeURIComponent(JSON.stringify(prefix))}&end_key=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}&limit=${SWEEP_PAGE}`;
    const answer = await this.couch.client.json<{ rows?: { id?: unknown; value?: { rev?: unknown } }[] }>({ method: 'GET', path: `${this.root}/_all_docs?${range}` });
    if (answer.status !== 200 || !Array.isArray(answer.body.rows)) throw new CouchHttpError(answer.status, 'listing stored files', 'unexpected answer');
    return answer.body.rows.flatMap((row) => typeof row.id === 'string' && isBlobOf(userId, row.id) && typeof row.value?.rev === 'string' ? [{ id: row.id, rev: row.value.rev }] : []);
  }

  /**
   * After a commit: the blob the change stopped naming goes, unless a
   * duplicate still names it. An account deleted while this was being
   * committed (its deletion may have swept before the commit landed) loses
   * what was just written too.
   */
  private async afterCommit(userId: string, change: Change, options: WriteOptions): Promise<void> {
    if (change.previous && change.previous.blob !== change.entry.blob && blobUnused(change.files, change.previous.blob)) {
      await this.removeBlob(change.previous.blob);
    }
    if (!options.stillAllowed) return;
    try {
      await options.stillAllowed();
    } catch (error) {
      await this.removeUser(userId);
      throw error;
    }
  }

  /**
   * Applies `change` to the manifest as it is now and writes the result with
   * that revision; on a 409, again on the newer one. Null when `change`
   * wanted no write.
   */
  private async commit<Result extends Change | null>(userId: string, change: (files: ManifestFiles) => Result): Promise<Result> {
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt += 1) {
      const manifest = await this.readManifest(userId);
      const next = change(manifest.files);
      if (!next) return next;
      if (await this.writeManifest(userId, manifest.rev, next.files)) return next;
      // Another instance (or request) committed first: spread the retries so they do not meet again.
      await sleep(Math.floor(Math.random() * 20 * (attempt + 1)));
    }
    throw new HttpError(503, 'files_busy', 'Your files are being changed by another request; try again');
  }

  /** False on a conflict (409): the manifest moved since `rev`. An empty manifest is deleted, leaving no document. */
  private async writeManifest(userId: string, rev: string | undefined, files: ManifestFiles): Promise<boolean> {
    const id = manifestId(userId);
    const answer = Object.keys(files).length === 0
      ? (rev === undefined ? { status: 200, body: {} } : await this.couch.client.json<{ reason?: string }>({ method: 'DELETE', path: `${this.docPath(id)}?rev=${encodeURIComponent(rev)}` }))
      : await this.couch.client.json<{ reason?: string }>({
        method: 'PUT',
        path: this.docPath(id),
        body: JSON.stringify({ _id: id, ...(rev === undefined ? {} : { _rev: rev }), version: 1, files: stripped(files) }),
      });
    if (answer.status === 409) return false;
    if (![200, 201, 202].includes(answer.status)) throw new CouchHttpError(answer.status, 'writing a file manifest', answer.body?.reason ?? 'refused');
    return true;
  }

  private async readManifest(userId: string): Promise<Manifest> {
    await this.ensureDatabase();
    const answer = await this.couch.client.json<{ _rev?: unknown; reason?: string } | null>({ method: 'GET', path: this.docPath(manifestId(userId)) });
    if (answer.status === 404) return { rev: undefined, files: {} };
    if (answer.status !== 200 || typeof answer.body?._rev !== 'string') throw new CouchHttpError(answer.status, 'reading a file manifest', answer.body?.reason ?? 'unexpected answer');
    return { rev: answer.body._rev, files: readManifestFiles(userId, answer.body) };
  }

  /** A new document whose only content is the attachment: PUT /{db}/{docid}/{attname} without a rev creates it. */
  private async writeBlob(blob: string, bytes: Uint8Array, contentType: StoredContentType): Promise<void> {
    const answer = await this.couch.client.json<{ reason?: string }>({ method: 'PUT', path: this.attachmentPath(blob), body: bytes, headers: { 'content-type': contentType } });
    if (answer.status !== 201 && answer.status !== 202) throw new CouchHttpError(answer.status, 'storing a file', answer.body?.reason ?? 'refused');
  }

  private async removeBlob(blob: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt += 1) {
      // The document without its attachment's bytes (a stub): only its revision is needed.
      const current = await this.couch.client.json<{ _rev?: unknown }>({ method: 'GET', path: this.docPath(blob) });
      if (current.status === 404) return;
      const rev = current.body?._rev;
      if (current.status !== 200 || typeof rev !== 'string') throw new CouchHttpError(current.status, 'finding a stored file', 'unexpected answer');
      const deleted = await this.couch.client.json<{ reason?: string }>({ method: 'DELETE', path: `${this.docPath(blob)}?rev=${encodeURIComponent(rev)}` });
      if ([200, 202, 404].includes(deleted.status)) return;
      if (deleted.status !== 409) throw new CouchHttpError(deleted.status, 'deleting a stored file', deleted.body?.reason ?? 'refused');
    }
  }

  /** Made (with the server-only `_security`) once per process; a failure is tried again on the next call. */
  private ensureDatabase(): Promise<void> {
    this.created ??= this.couch.databases.create(DATABASE).catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }

  private docPath(id: string): string {
    return `${this.root}/${encodeURIComponent(id)}`;
  }

  private attachmentPath(blob: string): string {
    return `${this.docPath(blob)}/${ATTACHMENT}`;
  }
}

/** The manifest keeps each entry without its resume id, which is its key. */
function stripped(files: ManifestFiles): Record<string, Omit<ManifestEntry, 'resumeId'>> {
  return Object.fromEntries(Object.entries(files).map(([resumeId, { resumeId: _key, ...rest }]) => [resumeId, rest]));
}

/**
 * The attachment's answer, already started: the blob it reads is never
 * rewritten, so a replace committed meanwhile cannot change these bytes.
 * CouchDB compresses only the types it is told to (text, JSON by default);
 * a gzip answer is inflated here, and a plain one must be the stored size.
 */
function openedFrom(entry: ManifestEntry, response: http.IncomingMessage): OpenedFile {
  const gzipped = String(response.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
  const length = Number(response.headers['content-length']);
  if (!gzipped && Number.isFinite(length) && length !== entry.size) {
    response.destroy();
    throw new CouchHttpError(200, 'reading a stored file', 'its size is not the one recorded');
  }
  const stream = () => (gzipped ? response.pipe(zlib.createGunzip()) : response);
  return {
    info: toInfo(entry),
    stream,
    async bytes() {
      const chunks: Uint8Array[] = [];
      for await (const chunk of stream()) chunks.push(chunk as Uint8Array);
      const bytes = new Uint8Array(Buffer.concat(chunks));
      if (bytes.byteLength !== entry.size || crypto.createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
        throw new HttpError(503, 'file_busy', 'The file changed while it was read; try again');
      }
      return bytes;
    },
    close() {
      response.destroy();
      return Promise.resolve();
    },
  };
}
