import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createSerialQueue', () => {
  it('runs tasks under one key one at a time, in order, and keys apart in parallel', async () => {
    const serially = createSerialQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([serially('a', task('a1')), serially('a', task('a2')), serially('b', task('b1'))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('goes on after a failed task, and the caller of the failed one sees its error', async () => {
    const serially = createSerialQueue();
    const failed = serially('a', () => Promise.reject(new Error('boom')));
    const after = serially('a', () => Promise.resolve('next'));
    await expect(failed).rejects.toThrow('boom');
    await expect(after).resolves.toBe('next');
  });
});
