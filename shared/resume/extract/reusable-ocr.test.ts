import { describe, expect, it } from 'vitest';
import type { OcrEngine } from './pipeline-types';
import { ReusableOcr } from './reusable-ocr';

/** A stand-in engine that only counts its life: starting the real one takes seconds and proves nothing here. */
function countingStart(failFirst = false) {
  const log = { started: 0, terminated: 0 };
  const start = async (): Promise<OcrEngine> => {
    log.started++;
    if (failFirst && log.started === 1) throw new Error('no engine');
    return { recognize: async () => 'text', terminate: async () => void log.terminated++ };
  };
  return { log, start };
}

describe('ReusableOcr', () => {
  it('starts one engine and keeps it for the next files while they end cleanly', async () => {
    const { log, start } = countingStart();
    const ocr = new ReusableOcr(start);
    const first = await ocr.get();
    await ocr.release(true);
    expect(await ocr.get()).toBe(first);
    await ocr.release(true);
    expect(log).toEqual({ started: 1, terminated: 0 });
  });

  it('stops the engine a file left uncleanly, and starts a fresh one for the next', async () => {
    const { log, start } = countingStart();
    const ocr = new ReusableOcr(start);
    const first = await ocr.get();
    await ocr.release(false);
    expect(log).toEqual({ started: 1, terminated: 1 });
    expect(await ocr.get()).not.toBe(first);
    expect(log.started).toBe(2);
  });

  it('tries again after an engine failed to start', async () => {
    const { log, start } = countingStart(true);
    const ocr = new ReusableOcr(start);
    await expect(ocr.get()).rejects.toThrow('no engine');
    await ocr.get();
    expect(log.started).toBe(2);
  });

  it('two callers at once share the engine being started', async () => {
    const { log, start } = countingStart();
    const ocr = new ReusableOcr(start);
    const [a, b] = await Promise.all([ocr.get(), ocr.get()]);
    expect(a).toBe(b);
    expect(log.started).toBe(1);
  });
});
