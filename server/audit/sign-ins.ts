import type { SignInEvent } from '../auth/routes';
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
}

interface Burst {
  firstAt: number;
  lastAt: number;
  failures: number;
  ips: Set<string>;
  reported: boolean;
  timer: NodeJS.Timeout | null;
}

const MAX_IPS = 20;

export interface SignInAuditor {
  onSignIn(event: SignInEvent): Promise<void>;
  /** Writes the totals of bursts still open (server shutdown). */
  close(): Promise<void>;
}

export function auditSignIns(audit: AuditLog, log: (message: string, error?: unknown) => void, options: SignInAuditOptions = {}): SignInAuditor {
  const threshold = options.burstThreshold ?? 5;
  const windowMs = options.burstWindowMs ?? 10 * 60 * 1000;
  const bursts = new Map<string, Burst>();

  async function write(event: Parameters<AuditLog['append']>[0]): Promise<void> {
    try {
      await audit.append(event);
    } catch (error) {
      log('Could not write a sign-in to the audit log', error);
    }
  }

  async function endBurst(email: string, burst: Burst): Promise<void> {
    if (burst.timer) clearTimeout(burst.timer);
    if (bursts.get(email) === burst) bursts.delete(email);
    if (!burst.reported) return;
    await write({
      action: 'auth.sign_in_failures_burst',
      actor: { type: 'anonymous' },
      details: { email, phase: 'ended', failures: burst.failures, firstAt: new Date(burst.firstAt).toISOString(), lastAt: new Date(burst.lastAt).toISOString(), ips: [...burst.ips] },
    });
  }

  /** The burst ends once `windowMs` passes without a failure. */
  function armTimer(email: string, burst: Burst): void {
    if (burst.timer) clearTimeout(burst.timer);
    burst.timer = setTimeout(() => void endBurst(email, burst), windowMs);
    burst.timer.unref();
  }

  async function failed(event: Extract<SignInEvent, { outcome: 'failed' }>, client: { ip: string; userAgent: string }): Promise<void> {
    const now = Date.now();
    let burst = bursts.get(event.email);
    if (burst && now - burst.lastAt > windowMs) {
      await endBurst(event.email, burst);
      burst = undefined;
    }
    if (!burst) {
      burst = { firstAt: now, lastAt: now, failures: 0, ips: new Set(), reported: false, timer: null };
      bursts.set(event.email, burst);
    }
    burst.failures += 1;
    burst.lastAt = now;
    if (burst.ips.size < MAX_IPS) burst.ips.add(client.ip);
    armTimer(event.email, burst);
    if (burst.failures < threshold) {
      await write({ action: 'auth.sign_in_failed', actor: { type: 'anonymous' }, details: { method: 'password', email: event.email, ...client } });
    } else if (!burst.reported) {
      burst.reported = true;
      await write({
        action: 'auth.sign_in_failures_burst',
        actor: { type: 'anonymous' },
        details: { email: event.email, phase: 'started', failures: burst.failures, firstAt: new Date(burst.firstAt).toISOString(), ips: [...burst.ips] },
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
      await Promise.all([...bursts].map(([email, burst]) => endBurst(email, burst)));
    },
  };
}
