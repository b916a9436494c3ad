import { cancelledByCaller, type FetchLike } from '../api';

/**
 * RxDB retries a failed replication request every `retryTime`, forever. With
 * the server down or refusing, that is a request every few seconds from every
 * device. The backoff wrapper holds each request back for a delay that doubles
 * with consecutive failures (with jitter, so devices spread out), and goes
 * back to no delay on the first success. A wake-up that suggests the network
 * is back (`online`, the alarm) cuts a waiting delay short.
 */

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  if (failures <= 0) return 0;
  const { baseMs = 2_000, maxMs = 60_000, random = Math.random } = options;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  // Half fixed, half random: never zero, never in lockstep with other devices.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class Backoff {
  private failures = 0;
  private wake: (() => void)[] = [];

  constructor(private readonly options: BackoffOptions = {}) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  failed(): void {
    this.failures += 1;
  }

  succeeded(): void {
    this.failures = 0;
  }

  /** Forgets past failures and lets every waiting request go now. */
  reset(): void {
    this.failures = 0;
    for (const wake of this.wake.splice(0)) wake();
  }

  /** Resolves after the current delay, or at once on reset(). */
  wait(): Promise<void> {
    const delay = backoffDelay(this.failures, this.options);
    if (delay === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = this.wake.filter((wake) => wake !== done);
        resolve();
      };
      const timer = setTimeout(done, delay);
      this.wake.push(done);
    });
  }
}

/** Errors and server failures count; an answer the server gave on purpose (4xx) is not a reason to slow down, except 429. */
function isFailure(response: Response): boolean {
  return response.status >= 500 || response.status === 429;
}

export function withBackoff(fetchFn: FetchLike, backoff: Backoff): FetchLike {
  return async (input, init) => {
    await backoff.wait();
    let response: Response;
    try {
      response = await fetchFn(input, init);
    } catch (error) {
      if (!cancelledByCaller(init)) backoff.failed();
      throw error;
    }
    if (isFailure(response)) backoff.failed();
    else backoff.succeeded();
    return response;
  };
}
