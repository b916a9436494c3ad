import { ResumeParseError } from '../../shared/resume/extract/errors';
import type { ParseOutcome, ParseProgress } from '../../shared/resume/extract/types';

export { ResumeParseError } from '../../shared/resume/extract/errors';
export type { ResumeParseErrorCode } from '../../shared/resume/extract/errors';
export type { ParseOutcome, ParseProgress } from '../../shared/resume/extract/types';

/**
 * Parses a resume file on the device, in a dedicated web worker (one per file),
 * reporting progress. Rejects with a ResumeParseError carrying a code.
 * (First version: contract only; the worker lands in the next commits.)
 */
export function parseResumeFile(
  file: Blob,
  options: { onProgress?: (p: ParseProgress) => void; signal?: AbortSignal } = {},
): Promise<ParseOutcome> {
  void file;
  void options;
  return Promise.reject(new ResumeParseError('unsupported-type', 'Resume parsing is not available yet.'));
}
