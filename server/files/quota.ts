import { HttpError } from '../errors';
import type { FileQuota } from './file-store';

/**
 * Throws 413 unless one more file of `addedBytes` new bytes fits beside
 * `others`. A blob shared by duplicated resumes counts once against the
 * bytes; each resume still counts as one file.
 */
export function checkQuota(others: readonly { blob: string; size: number }[], addedBytes: number, quota: FileQuota): void {
  if (others.length + 1 > quota.maxFiles) {
    throw new HttpError(413, 'quota_exceeded', `You can keep at most ${quota.maxFiles} files; delete one first`);
  }
  const blobs = new Map(others.map((file) => [file.blob, file.size]));
  const usedBytes = [...blobs.values()].reduce((sum, size) => sum + size, 0);
  if (usedBytes + addedBytes > quota.maxBytes) {
    throw new HttpError(413, 'quota_exceeded', `Your files would take more than ${quota.maxBytes} bytes; delete one first`);
  }
}
