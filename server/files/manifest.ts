import { z } from 'zod';
import type { FileQuota, StoredFileInfo } from './file-store';
import { isResumeId, isUserId } from './names';
import { checkQuota } from './quota';
import { isStoredContentType, type StoredContentType } from './sniff';

/**
 * The per-user manifest of the CouchDB file store (couch-store.ts): which
 * blob document holds each resume's original. Writing the manifest with its
 * `_rev` is the commit, so every change here is computed from one revision
 * of it, and the quota holds against that revision whichever instance
 * commits. Pure: no I/O.
 */

export interface ManifestEntry extends StoredFileInfo {
  /** Id of the blob document whose attachment holds the bytes; shared by duplicates. */
  blob: string;
}

/** Resume id → entry. */
export type ManifestFiles = Record<string, ManifestEntry>;

export const manifestId = (userId: string) => `manifest:${safeUser(userId)}`;
/** The range of `_all_docs` holding every blob of one user (`blob:<userId>:<32 hex>`). */
export const blobPrefix = (userId: string) => `blob:${safeUser(userId)}:`;
const BLOB_SUFFIX = /^[0-9a-f]{32}$/;

function safeUser(userId: string): string {
  if (!isUserId(userId)) throw new Error('Refusing a user id that is not a single safe segment');
  return userId;
}

export const isBlobOf = (userId: string, blob: string) => blob.startsWith(blobPrefix(userId)) && BLOB_SUFFIX.test(blob.slice(blobPrefix(userId).length));

const entrySchema = z.object({
  size: z.number().int().nonnegative(),
  contentType: z.string().refine(isStoredContentType),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedAt: z.string(),
  fileName: z.string(),
  blob: z.string(),
});
const manifestSchema = z.object({ files: z.record(z.string(), z.unknown()) });

/** The entries of a stored manifest document; an entry naming anything but this user's blob is ignored. */
export function readManifestFiles(userId: string, doc: unknown): ManifestFiles {
  const parsed = manifestSchema.safeParse(doc);
  if (!parsed.success) return {};
  const files: ManifestFiles = {};
  for (const [resumeId, raw] of Object.entries(parsed.data.files)) {
    const entry = entrySchema.safeParse(raw);
    if (!isResumeId(resumeId) || !entry.success || !isBlobOf(userId, entry.data.blob)) continue;
    files[resumeId] = { ...entry.data, contentType: entry.data.contentType as StoredContentType, resumeId };
  }
  return files;
}

export function toInfo(entry: ManifestEntry): StoredFileInfo {
  const { resumeId, size, contentType, sha256, uploadedAt, fileName } = entry;
  return { resumeId, size, contentType, sha256, uploadedAt, fileName };
}

export const sortedInfos = (files: ManifestFiles): StoredFileInfo[] =>
  Object.values(files).map(toInfo).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt));

export interface Change {
  files: ManifestFiles;
  previous: ManifestEntry | undefined;
  entry: ManifestEntry;
}

/** The manifest with `entry` stored (replacing the resume's earlier one); throws 413 when it does not fit. */
export function withEntry(files: ManifestFiles, entry: ManifestEntry, quota: FileQuota): Change {
  const { [entry.resumeId]: previous, ...others } = files;
  const othersList = Object.values(others);
  // Bytes already named by another resume (a duplicate's) are not counted twice.
  const addedBytes = othersList.some((file) => file.blob === entry.blob) ? 0 : entry.size;
  checkQuota(othersList, addedBytes, quota);
  return { files: { ...others, [entry.resumeId]: entry }, previous, entry };
}

/**
 * The manifest with `resumeId` given the blob another resume with `sha256`
 * has; 'unchanged' when it already has those bytes, null when no other
 * resume has them.
 */
export function withShared(
  files: ManifestFiles,
  resumeId: string,
  sha256: string,
  details: { uploadedAt: string; fileName?: (contentType: StoredContentType) => string },
  quota: FileQuota,
): Change | 'unchanged' | null {
  const previous = files[resumeId];
  if (previous?.sha256 === sha256) return 'unchanged';
  const source = Object.values(files).find((file) => file.resumeId !== resumeId && file.sha256 === sha256);
  if (!source) return null;
  return withEntry(files, {
    ...source,
    resumeId,
    uploadedAt: details.uploadedAt,
    fileName: details.fileName?.(source.contentType) ?? source.fileName,
  }, quota);
}

export function without(files: ManifestFiles, resumeId: string): { files: ManifestFiles; removed: ManifestEntry | undefined } {
  const { [resumeId]: removed, ...rest } = files;
  return { files: rest, removed };
}

/** A blob may go only when the committed manifest names it nowhere: a duplicate may still use it. */
export const blobUnused = (files: ManifestFiles, blob: string) => !Object.values(files).some((file) => file.blob === blob);
