import type { SignInEvent } from '../auth/routes';
import { localBurstTally, redisBurstTally, type BurstState, type BurstTally } from './failure-bursts';
import type { AuditLog } from './log';

/**
 * Password sign-ins into the audit log. A failure to write is logged, not
 * thrown: a full disk must not lock every user out, nor turn a wrong
 * password's 401 into a 500 that tells an attacker something else happened.
 *
 * Failed sign-ins for one address are written one by one up to
 * `burstThreshold - 1`; the failure that reaches the threshold within
 * `burstWindowMs` writes one `auth.sign_in_failures_burst` security event
 * instead, and later failures of that burst are only counted, so a guessing
 * run is one entry (plus its total when it ends), not thousands.
 */

export interface SignInAuditOptions {
  burstThreshold?: number;
  burstWindowMs?: number;
  /** REDIS_URL: bursts are counted in the Redis all instances share, not per instance. */
  redisUrl?: string | null;
}

export interface SignInAuditor {
  onSignIn(event: SignInEvent): Promise<void>;
  /** Writes the totals of the bursts only this process counted (server shutdown). */
  close(): Promise<void>;
}

export function auditSignIns(audit: AuditLog, log: (message: string, error?: unknown) => void, options: SignInAuditOptions = {}): SignInAuditor {
  const settings = { threshold: options.burstThreshold ?? 5, windowMs: options.burstWindowMs ?? 10 * 60 * 1000 };
  const tally: BurstTally = options.redisUrl ? redisBurstTally(options.redisUrl, settings, (message) => log(message)) : localBurstTally(settings);
  // One timer per address this instance saw fail: at the end of its window it asks the tally whether the burst ended.
  const timers = new Map<string, NodeJS.Timeout>();

  async function write(event: Parameters<AuditLog['append']>[0]): Promise<void> {
    try {
      await audit.append(event);
    } catch (error) {
      log('Could not write a sign-in to the audit log', error);
    }
  }

  const writeEnd = (email: string, burst: BurstState) => write({
    action: 'auth.sign_in_failures_burst',
    actor: { type: 'anonymous' },
    details: { email, phase: 'ended', failures: burst.failures, firstAt: new Date(burst.firstAt).toISOString(), lastAt: new Date(burst.lastAt).toISOString(), ips: burst.ips },
  });

  function armTimer(email: string, at: number): void {
    clearTimeout(timers.get(email));
    const timer = setTimeout(() => {
      timers.delete(email);
      void tally.end(email, Date.now()).then(async (check) => {
        if (check && 'checkAt' in check) armTimer(email, check.checkAt);
        else if (check) await writeEnd(email, check.ended);
      });
    }, Math.max(0, at - Date.now()));
    timer.unref();
    timers.set(email, timer);
  }

  async function failed(event: Extract<SignInEvent, { outcome: 'failed' }>, client: { ip: string; userAgent: string }): Promise<void> {
    const now = Date.now();
    const { state, reportNow, endedBefore } = await tally.fail(event.email, client.ip, now);
    if (endedBefore) await writeEnd(event.email, endedBefore);
    armTimer(event.email, now + settings.windowMs);
    if (state.failures < settings.threshold) {
      await write({ action: 'auth.sign_in_failed', actor: { type: 'anonymous' }, details: { method: 'password', email: event.email, ...client } });
    } else if (reportNow) {
      await write({
        action: 'auth.sign_in_failures_burst',
        actor: { type: 'anonymous' },
        details: { email: event.email, phase: 'started', failures: state.failures, firstAt: new Date(state.firstAt).toISOString(), ips: state.ips },
      });
    }
  }

  return {
    async onSignIn(event) {
      const client = { ip: event.client.ip, userAgent: event.client.userAgent.slice(0, 300) };
      if (event.outcome === 'signed_in') {
        await write({ action: 'auth.sign_in', actor: { type: 'user', id: event.userId, email: event.email }, details: { method: 'password', ...client } });
      } else if (event.outcome === 'refused') {
        await write({ action: 'auth.sign_in_refused', actor: { type: 'anonymous' }, details: { method: 'password', reason: event.reason, email: event.email, ...client } });
      } else {
        await failed(event, client);
      }
    },
    async close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(tally.takeOpen().map(([email, burst]) => writeEnd(email, burst)));
      await tally.close();
    },
  };
}
