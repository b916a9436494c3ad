import type { ParseProgress } from './types';

export interface OcrEngine {
  recognize(image: Uint8Array): Promise<string>;
  terminate(): Promise<unknown>;
}

/** Reports a stage and the fraction (0..1) of that stage's work done. */
export type ProgressSink = (stage: Omit<ParseProgress, 'fraction'>, stageFraction: number) => void;
