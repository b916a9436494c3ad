import { ResumeParseError } from './errors';

/**
 * One clock for a whole file: every awaited step races the time left and the
 * caller's cancel signal, and the cleanup (destroying a pdf.js loading task,
 * terminating an OCR worker) runs once, whichever comes first.
 */
export class Deadline {
  private readonly endsAt: number;
  private readonly cleanups: (() => unknown)[] = [];

  constructor(
    ms: number,
    private readonly signal?: AbortSignal,
  ) {
    this.endsAt = Date.now() + ms;
  }

  onStop(cleanup: () => unknown): void {
    this.cleanups.push(cleanup);
  }

  check(): void {
    if (this.signal?.aborted) throw new ResumeParseError('cancelled');
    if (Date.now() >= this.endsAt) throw new ResumeParseError('timeout');
  }

  /** Resolves with the step's value, or rejects with 'timeout' / 'cancelled' as soon as either happens. */
  async race<T>(step: Promise<T>): Promise<T> {
    // A step left behind (we stopped waiting for it) must not surface later as an unhandled rejection.
    step.catch(() => undefined);
    this.check();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ResumeParseError('timeout')), Math.max(0, this.endsAt - Date.now()));
      onAbort = () => reject(new ResumeParseError('cancelled'));
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([step, stop]);
    } finally {
      clearTimeout(timer);
      if (onAbort) this.signal?.removeEventListener('abort', onAbort);
    }
  }

  async cleanup(): Promise<void> {
    const all = this.cleanups.splice(0).reverse();
    for (const fn of all) {
      try {
        await fn();
      } catch {
        // Cleanup of a broken engine may throw again; the file's outcome is already decided.
      }
    }
  }
}
