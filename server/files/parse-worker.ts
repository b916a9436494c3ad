import { parentPort, workerData } from 'node:worker_threads';
import { parseResumeBuffer, ResumeParseError } from '../resume/parse-file';

/**
 * Runs in a worker thread started by parse-in-worker.ts: pdf.js in Node
 * parses on the thread that calls it, so a hostile file parsed on the
 * server's own thread would stall every request until it was done.
 */

const { bytes, timeoutMs } = workerData as { bytes: Uint8Array; timeoutMs: number };

parseResumeBuffer(bytes, { timeoutMs }).then(
  (outcome) => parentPort?.postMessage({ ok: true, outcome }),
  (error: unknown) => parentPort?.postMessage({
    ok: false,
    code: error instanceof ResumeParseError ? error.code : 'corrupt',
    message: error instanceof Error ? error.message : String(error),
  }),
);
