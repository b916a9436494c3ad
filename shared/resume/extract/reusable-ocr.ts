import type { OcrEngine } from './pipeline-types';

/**
 * One OCR engine kept for the next pages and files: starting tesseract
 * (its worker, the wasm core, 11 MB of model) costs a few hundred
 * milliseconds a file would otherwise pay every time. An engine that failed
 * to start, or that a file left mid-page (cancel, timeout, error), is
 * dropped so the next file starts a fresh one.
 */
export class ReusableOcr {
  private engine: Promise<OcrEngine> | undefined;

  constructor(private readonly start: () => Promise<OcrEngine>) {}

  get(): Promise<OcrEngine> {
    if (!this.engine) {
      const starting = this.start();
      this.engine = starting;
      starting.catch(() => {
        if (this.engine === starting) this.engine = undefined;
      });
    }
    return this.engine;
  }

  /** A file is done with the engine: kept when the file ended cleanly, stopped otherwise. */
  async release(clean: boolean): Promise<void> {
    if (!clean) await this.stop();
  }

  async stop(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    if (engine) await (await engine.catch(() => undefined))?.terminate();
  }
}
