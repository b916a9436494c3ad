import * as Comlink from 'comlink';
import type { ParseWorkerApi } from './parse.worker';

/**
 * The resume-parsing worker's life on the page. Starting one (its module,
 * pdf.js's code, the OCR engine and its model) costs more than reading a
 * typical text PDF, so one worker is started ahead of the first file
 * (prewarm) and kept for the next files while each ends cleanly. A worker
 * that was cancelled, timed out, failed or crashed is terminated and never
 * reused, so a hostile file can only ever freeze the worker reading it. An
 * idle worker stops after IDLE_MS to give its memory back.
 */
export const IDLE_MS = 60_000;

export class ParserWorker {
  readonly api: Comlink.Remote<ParseWorkerApi>;
  private readonly worker: Worker;
  private crashed: string | undefined;
  private readonly crashListeners = new Set<(message: string) => void>();

  constructor() {
    this.worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'resume-parser' });
    this.api = Comlink.wrap<ParseWorkerApi>(this.worker);
    // A worker that fails to load (missing file, CSP) or dies reports here and nowhere else.
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.crashed = event.message || 'worker error';
      for (const listener of this.crashListeners) listener(this.crashed);
    });
  }

  get usable(): boolean {
    return this.crashed === undefined;
  }

  /** Calls back when the worker crashes (at once if it already has); returns the unsubscribe. */
  onCrash(listener: (message: string) => void): () => void {
    if (this.crashed !== undefined) listener(this.crashed);
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  terminate(): void {
    this.crashed ??= 'terminated';
    this.crashListeners.clear();
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}

let idle: { worker: ParserWorker; timer: ReturnType<typeof setTimeout> } | undefined;
/** Workers reading a file now: while one is busy a prewarm would only start a second that is thrown away. */
let inUse = 0;

function park(worker: ParserWorker): void {
  const timer = setTimeout(() => {
    if (idle?.worker !== worker) return;
    idle = undefined;
    worker.terminate();
  }, IDLE_MS);
  idle = { worker, timer };
}

/** Starts a worker and warms it (when none is waiting), so the next file does not pay for the start. */
export function prewarmParserWorker(): void {
  if (inUse > 0) return;
  if (idle?.worker.usable) {
    clearTimeout(idle.timer);
    park(idle.worker);
    return;
  }
  const worker = new ParserWorker();
  void worker.api.warm().catch(() => undefined);
  park(worker);
}

/** The waiting worker if there is a usable one, else a new one; the caller owns it until it gives it back. */
export function takeParserWorker(): ParserWorker {
  const waiting = idle;
  idle = undefined;
  if (waiting) clearTimeout(waiting.timer);
  inUse++;
  if (waiting?.worker.usable) return waiting.worker;
  waiting?.worker.terminate();
  return new ParserWorker();
}

/** Keeps a worker that ended its file cleanly for the next file; any other is terminated. */
export function giveBackParserWorker(worker: ParserWorker, clean: boolean): void {
  inUse = Math.max(0, inUse - 1);
  if (!clean || !worker.usable || idle) {
    worker.terminate();
    return;
  }
  park(worker);
}

/** Stops the waiting worker (the page that wanted it is gone); a worker reading a file is left to finish. */
export function stopIdleParserWorker(): void {
  const waiting = idle;
  idle = undefined;
  if (!waiting) return;
  clearTimeout(waiting.timer);
  waiting.worker.terminate();
}
