import { describe, expect, it } from 'vitest';
import { Deadline } from './deadline';

const never = () => new Promise<never>(() => {});

describe('Deadline', () => {
  it('passes a step through when it settles in time', async () => {
    await expect(new Deadline(1000).race(Promise.resolve(7))).resolves.toBe(7);
  });

  it('rejects with timeout when the time is up, and with cancelled on abort', async () => {
    await expect(new Deadline(20).race(never())).rejects.toMatchObject({ code: 'timeout' });
    const controller = new AbortController();
    const racing = new Deadline(10_000, controller.signal).race(never());
    controller.abort();
    await expect(racing).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('runs every cleanup once, newest first, even when one throws', async () => {
    const deadline = new Deadline(1000);
    const order: string[] = [];
    deadline.onStop(() => order.push('first'));
    deadline.onStop(() => {
      order.push('second');
      throw new Error('broken engine');
    });
    await deadline.cleanup();
    await deadline.cleanup();
    expect(order).toEqual(['second', 'first']);
  });
});
