import { Worker } from 'node:worker_threads';
import { ResumeParseError, type ResumeParseErrorCode } from '../../shared/resume/extract/errors';
import { RESUME_LIMITS, type ParseOutcome } from '../../shared/resume/extract/types';
import { tsWorkerSource } from '../ts-worker';

/**
 * Parses resume bytes in a worker thread that is terminated when the time is
 * up, the caller gives up, or it runs out of its own memory: the server's
 * thread never runs pdf.js, and a decompression bomb kills only the worker.
 */

const BOOTSTRAP = tsWorkerSource(new URL('./parse-worker.ts', import.meta.url));

type WorkerReply = { ok: true; outcome: ParseOutcome } | { ok: false; code: ResumeParseErrorCode; message: string };

export interface ParseInWorkerOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Heap of the worker; pdf.js on a bomb grows past a gigabyte. */
  maxMemoryMb?: number;
}

export function parseInWorker(bytes: Uint8Array, options: ParseInWorkerOptions = {}): Promise<ParseOutcome> {
  const timeoutMs = options.timeoutMs ?? RESUME_LIMITS.timeoutMs;
  if (options.signal?.aborted) return Promise.reject(new ResumeParseError('cancelled'));
  return new Promise<ParseOutcome>((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { bytes, timeoutMs },
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 1024 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (result: { outcome: ParseOutcome } | { error: ResumeParseError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // OCR threads inside the worker end with it.
      void worker.terminate();
      if ('outcome' in result) resolve(result.outcome);
      else reject(result.error);
    };
    // The pipeline keeps its own deadline; this one also stops work that never yields.
    const timer = setTimeout(() => finish({ error: new ResumeParseError('timeout') }), timeoutMs);
    const onAbort = () => finish({ error: new ResumeParseError('cancelled') });
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (reply: WorkerReply) => {
      finish(reply.ok ? { outcome: reply.outcome } : { error: new ResumeParseError(reply.code, reply.message) });
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish({ error: new ResumeParseError('corrupt', outOfMemory ? 'The file needs more memory to read than a resume ever should.' : undefined) });
    });
    worker.on('exit', () => finish({ error: new ResumeParseError('corrupt') }));
  });
}
