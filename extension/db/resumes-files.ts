import { idbRequest as request } from './idb-request';
import type { ResumeContentType } from '../../shared/resume/doc';

/**
 * The original resume files on this device: bytes in IndexedDB, beside (not
 * inside) the RxDB database. RxDB's replication does not carry attachments,
 * and a blob in a document would travel through every change event and
 * cross-tab broadcast; Dexie itself cannot be imported next to RxDB's pinned
 * copy. So: one plain IndexedDB database with two stores.
 * - `originals`: the bytes and metadata, keyed by resume id;
 * - `wanted`: resumes whose original a page asked for and this device does
 *   not have; the background fetches them from the server (it owns the tokens).
 */

export const RESUME_FILES_DB = 'trackruit-resume-files';
const ORIGINALS = 'originals';
const WANTED = 'wanted';

export interface StoredOriginal {
  resumeId: string;
  fileName: string;
  contentType: ResumeContentType;
  size: number;
  sha256: string;
  /** ArrayBuffer rather than Blob: it clones the same in every IndexedDB, including Node's fake one. */
  bytes: ArrayBuffer;
  /** Set while no live resume refers to it (deleted): removed for good a while later, so undo still finds it. */
  orphanSince?: string;
}

export interface WantedOriginal {
  resumeId: string;
  askedAt: string;
  /** Why the last attempt failed, for the page to show. */
  error?: string;
}

export class ResumeFileStore {
  private opening: Promise<IDBDatabase> | undefined;

  /** The factory is looked up when first used, so code that never stores a file runs where IndexedDB does not exist. */
  constructor(private readonly factory?: IDBFactory, private readonly name = RESUME_FILES_DB) {}

  private open(): Promise<IDBDatabase> {
    this.opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = (this.factory ?? indexedDB).open(this.name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(ORIGINALS, { keyPath: 'resumeId' });
        req.result.createObjectStore(WANTED, { keyPath: 'resumeId' });
      };
      req.onsuccess = () => {
        // Another page upgrading or deleting this database must not be blocked by this one.
        req.result.onversionchange = () => {
          req.result.close();
          this.opening = undefined;
        };
        resolve(req.result);
      };
      req.onerror = () => {
        this.opening = undefined;
        reject(req.error ?? new Error('Could not open the resume file store'));
      };
    });
    return this.opening;
  }

  /** Without IndexedDB (Node, outside tests that bring one) there are no files: reads are empty, writes fail. */
  private get available(): boolean {
    return this.factory !== undefined || typeof indexedDB !== 'undefined';
  }

  private async run<T>(storeName: string, mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    const tx = db.transaction(storeName, mode);
    const result = request(action(tx.objectStore(storeName)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  }

  async put(original: StoredOriginal): Promise<void> {
    await this.run(ORIGINALS, 'readwrite', (store) => store.put(original));
    await this.run(WANTED, 'readwrite', (store) => store.delete(original.resumeId));
  }

  async get(resumeId: string): Promise<StoredOriginal | undefined> {
    if (!this.available) return undefined;
    return (await this.run(ORIGINALS, 'readonly', (store) => store.get(resumeId))) as StoredOriginal | undefined;
  }

  async list(): Promise<StoredOriginal[]> {
    if (!this.available) return [];
    return (await this.run(ORIGINALS, 'readonly', (store) => store.getAll())) as StoredOriginal[];
  }

  async delete(resumeId: string): Promise<void> {
    await this.run(ORIGINALS, 'readwrite', (store) => store.delete(resumeId));
  }

  async setOrphanSince(resumeId: string, orphanSince: string | undefined): Promise<void> {
    const original = await this.get(resumeId);
    if (!original) return;
    const { orphanSince: _previous, ...rest } = original;
    await this.run(ORIGINALS, 'readwrite', (store) => store.put(orphanSince ? { ...rest, orphanSince } : rest));
  }

  async want(resumeId: string): Promise<void> {
    await this.run(WANTED, 'readwrite', (store) => store.put({ resumeId, askedAt: new Date().toISOString() } satisfies WantedOriginal));
  }

  async wanted(): Promise<WantedOriginal[]> {
    if (!this.available) return [];
    return (await this.run(WANTED, 'readonly', (store) => store.getAll())) as WantedOriginal[];
  }

  async wantedOne(resumeId: string): Promise<WantedOriginal | undefined> {
    return (await this.run(WANTED, 'readonly', (store) => store.get(resumeId))) as WantedOriginal | undefined;
  }

  async wantFailed(resumeId: string, error: string): Promise<void> {
    const entry = await this.wantedOne(resumeId);
    if (entry) await this.run(WANTED, 'readwrite', (store) => store.put({ ...entry, error } satisfies WantedOriginal));
  }

  /** Everything, for a wipe of local data. */
  async clear(): Promise<void> {
    if (!this.available) return;
    await this.run(ORIGINALS, 'readwrite', (store) => store.clear());
    await this.run(WANTED, 'readwrite', (store) => store.clear());
  }
}

let shared: ResumeFileStore | undefined;

/** One store per JavaScript realm (background, dashboard). */
export function resumeFileStore(): ResumeFileStore {
  shared ??= new ResumeFileStore();
  return shared;
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
