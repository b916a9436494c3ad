import CircuitBreaker from 'opossum';
import type { Answer, AnswerKind } from './answers';
import { callExternal, ExternalServiceError, type ExternalClientOptions } from './client';

/**
 * The external ML service behind a circuit breaker (opossum). When enough of
 * its recent calls fail (time-outs, errors, malformed answers), the breaker
 * opens and calls are refused at once, so a sick service costs each request
 * nothing instead of its time-out; after `resetMs` one call is let through
 * (half-open) and its success closes the breaker again. One breaker for the
 * whole service: a service that fails one route is rarely well on the others,
 * and one probe on half-open is enough.
 */

export interface BreakerSettings {
  /** How long the breaker stays open before letting one call through. */
  resetMs: number;
  /** Share of failed calls in the rolling window that opens it. */
  errorThresholdPercentage: number;
  /** Calls in the window before the share counts: one failure on a quiet server does not open it. */
  volumeThreshold: number;
  /**
   * Length of the rolling window of counted calls. A minute, not opossum's 10 s: calls to a
   * hanging service are spaced by the time-out, so a short window never holds enough of them
   * to open, and every request would wait the full time-out.
   */
  rollingCountMs: number;
}

/** No answer of the contract comes near it (a recommendation list of 1,000 jobs is about 300 KB). */
export const MAX_EXTERNAL_RESPONSE_BYTES = 2 * 1024 * 1024;

export const DEFAULT_BREAKER: BreakerSettings = { resetMs: 30_000, errorThresholdPercentage: 50, volumeThreshold: 5, rollingCountMs: 60_000 };

export interface ExternalMlOptions extends ExternalClientOptions {
  breaker?: Partial<BreakerSettings>;
  /** Told when the breaker opens, half-opens and closes; never per request, never with a body. */
  log?: (message: string) => void;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface ExternalMl {
  call<K extends AnswerKind>(kind: K, body: unknown): Promise<Answer<K>>;
  readonly state: BreakerState;
  /** Closes the breaker at once (an operator who knows the service is back); calls go to the service again. */
  reset(): void;
  /** Part of the cache key of its answers: another service is another producer. */
  readonly url: string;
  close(): void;
}

/** A 400 or 413 is the service refusing this input (its limits may be lower): the fallback answers, but the service is not sick. */
const refusedInput = (error: unknown) => error instanceof ExternalServiceError && (error.status === 400 || error.status === 413);

export function createExternalMl(options: ExternalMlOptions): ExternalMl {
  const settings = { ...DEFAULT_BREAKER, ...options.breaker };
  const log = options.log ?? (() => undefined);
  const breaker = new CircuitBreaker((kind: AnswerKind, body: unknown) => callExternal(kind, body, options), {
    // The client's own AbortSignal times calls out (and closes the socket); opossum's timer would only stop waiting.
    timeout: false,
    resetTimeout: settings.resetMs,
    errorThresholdPercentage: settings.errorThresholdPercentage,
    volumeThreshold: settings.volumeThreshold,
    rollingCountTimeout: settings.rollingCountMs,
    errorFilter: refusedInput,
  });
  // The last failure's reason goes with the "open" line: errors name what went wrong, never a body.
  let lastFailure = '';
  breaker.on('failure', (error: unknown) => {
    lastFailure = error instanceof Error ? error.message : String(error);
  });
  breaker.on('open', () => log(`External ML service: too many failed calls (last: ${lastFailure}); the built-in engine answers for the next ${Math.round(settings.resetMs / 1000)} s`));
  breaker.on('halfOpen', () => log('External ML service: trying it again'));
  breaker.on('close', () => log('External ML service: answering again'));

  return {
    call: (kind, body) => breaker.fire(kind, body) as Promise<Answer<typeof kind>>,
    get state() {
      return breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
    },
    reset: () => breaker.close(),
    url: options.url,
    close: () => breaker.shutdown(),
  };
}
