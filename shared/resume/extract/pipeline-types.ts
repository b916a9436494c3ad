import type { ParseProgress } from './types';

export interface OcrEngine {
  /** Recognises one page; `onProgress` hears the engine's own progress through it (0..1). */
  recognize(image: Uint8Array, onProgress?: (fraction: number) => void): Promise<string>;
  terminate(): Promise<unknown>;
}

/** Reports a stage and the fraction (0..1) of that stage's work done. */
export type ProgressSink = (stage: Omit<ParseProgress, 'fraction'>, stageFraction: number) => void;
