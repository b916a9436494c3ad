import { describe, expect, it } from 'vitest';
import { checkQuota } from './quota';

describe('checkQuota', () => {
  const quota = { maxFiles: 2, maxBytes: 100 };

  it('counts a blob shared by several files once', () => {
    expect(() => checkQuota([{ blob: 'x', size: 60 }], 40, quota)).not.toThrow();
    expect(() => checkQuota([{ blob: 'x', size: 60 }], 41, quota)).toThrow(expect.objectContaining({ status: 413, code: 'quota_exceeded' }));
    // Two files naming one 60-byte blob use 60 bytes, but two of the two files allowed.
    expect(() => checkQuota([{ blob: 'x', size: 60 }, { blob: 'x', size: 60 }], 0, { maxFiles: 3, maxBytes: 100 })).not.toThrow();
    expect(() => checkQuota([{ blob: 'x', size: 60 }, { blob: 'x', size: 60 }], 0, quota)).toThrow(expect.objectContaining({ status: 413 }));
  });
});
