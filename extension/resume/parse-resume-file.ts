import * as Comlink from 'comlink';
import { decodeParseError, ResumeParseError } from '../../shared/resume/extract/errors';
import { RESUME_LIMITS, type ParseOutcome, type ParseProgress } from '../../shared/resume/extract/types';
import type { ParseWorkerApi } from './parse.worker';

export { ResumeParseError } from '../../shared/resume/extract/errors';
export type { ResumeParseErrorCode } from '../../shared/resume/extract/errors';
export type { ParseOutcome, ParseProgress } from '../../shared/resume/extract/types';

/**
 * Parses a resume file on the device, in a dedicated web worker (one per
 * file, so a hostile file can only ever freeze that worker), reporting
 * progress. The worker is terminated when the signal aborts, after 60 s, and
 * when it is done. Rejects with a ResumeParseError carrying a code.
 */
export async function parseResumeFile(
  file: Blob,
  options: { onProgress?: (p: ParseProgress) => void; signal?: AbortSignal } = {},
): Promise<ParseOutcome> {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw new ResumeParseError('cancelled');
  if (file.size > RESUME_LIMITS.maxBytes) throw new ResumeParseError('too-large');
  if (file.size === 0) throw new ResumeParseError('empty', 'The file is empty.');
  onProgress?.({ stage: 'reading', fraction: 0 });

  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'resume-parser' });
  const api = Comlink.wrap<ParseWorkerApi>(worker);
  let stop: ((error: ResumeParseError) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const timer = setTimeout(() => stop?.(new ResumeParseError('timeout')), RESUME_LIMITS.timeoutMs);
  const onAbort = () => stop?.(new ResumeParseError('cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  // A worker that fails to load (missing file, CSP) reports here and nowhere else.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    stop?.(new ResumeParseError('corrupt', `The resume reader could not start (${event.message || 'worker error'}).`));
  });

  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const declaredType = file instanceof File ? file.type || file.name : file.type;
    const work = api.parse(
      Comlink.transfer(bytes, [bytes.buffer]),
      declaredType,
      Comlink.proxy((p: ParseProgress) => onProgress?.(p)),
    );
    return await Promise.race([work, stopped]);
  } catch (error) {
    throw decodeParseError(error) ?? new ResumeParseError('corrupt', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}
