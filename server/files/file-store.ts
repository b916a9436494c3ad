import type { Readable } from 'node:stream';
import type { StoredContentType } from './sniff';

/**
 * What the file routes, account deletion and the admin directory need from
 * the place users' original resume files are kept: a folder per user on this
 * instance's disk (embedded default, store.ts) or CouchDB (COUCHDB_URL,
 * couch-store.ts), so that any instance serves any user's files.
 */

export interface StoredFileInfo {
  resumeId: string;
  size: number;
  contentType: StoredContentType;
  sha256: string;
  uploadedAt: string;
  fileName: string;
}

export interface FileQuota {
  maxFiles: number;
  maxBytes: number;
}

export const DEFAULT_QUOTA: FileQuota = { maxFiles: 50, maxBytes: 100 * 1024 * 1024 };

/** A file opened while its record was current: a later replace cannot change what this reads. */
export interface OpenedFile {
  info: StoredFileInfo;
  /** The bytes as a stream, read at most once; `close()` is still called after it. */
  stream(): Readable;
  /** The whole file (at most the upload limit) in memory. */
  bytes(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Checked just before a write is committed: throws (a 401) when the account was deleted meanwhile. */
export interface WriteOptions {
  stillAllowed?: () => Promise<unknown>;
}

export interface FileStore {
  list(userId: string): Promise<StoredFileInfo[]>;
  open(userId: string, resumeId: string): Promise<OpenedFile | null>;
  /** Stores `bytes` as the user's original for `resumeId`, replacing any earlier one. */
  put(
    userId: string,
    resumeId: string,
    bytes: Uint8Array,
    details: { contentType: StoredContentType; fileName: string },
    options?: WriteOptions,
  ): Promise<{ info: StoredFileInfo; replaced: boolean }>;
  /**
   * Gives `resumeId` the original another of the user's resumes already has
   * (same SHA-256), without its bytes being sent again: a duplicated resume.
   * Null when the user has no such file; the caller uploads it then.
   */
  share(
    userId: string,
    resumeId: string,
    sha256: string,
    details?: { fileName?: (contentType: StoredContentType) => string },
    options?: WriteOptions,
  ): Promise<{ info: StoredFileInfo; replaced: boolean } | null>;
  /** False when there was nothing to delete. */
  delete(userId: string, resumeId: string): Promise<boolean>;
  /** Removes every file of the user (account deletion). */
  removeUser(userId: string): Promise<void>;
}
