import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from './chain';
import { memoryAuditLog } from '../../tests/helpers/memory-audit-log';
import { auditSignIns } from './sign-ins';

const failure = (email: string, ip = '10.0.0.1') => ({ outcome: 'failed' as const, email, client: { ip, userAgent: 'test' } });

afterEach(() => {
  vi.useRealTimers();
});

describe('failed sign-ins in the audit log', () => {
  it('writes four failures, then one burst event, then its total when the burst ends', async () => {
    vi.useFakeTimers();
    const events: AuditEvent[] = [];
    const auditor = auditSignIns(memoryAuditLog(events), () => undefined, { burstThreshold: 5, burstWindowMs: 60_000 });
    for (let attempt = 0; attempt < 12; attempt += 1) await auditor.onSignIn(failure('a@example.com', `10.0.0.${attempt % 3}`));
    await auditor.onSignIn(failure('b@example.com'));
    expect(events.map((event) => event.action)).toEqual([...Array(4).fill('auth.sign_in_failed'), 'auth.sign_in_failures_burst', 'auth.sign_in_failed']);
    expect(events[4]).toMatchObject({ details: { email: 'a@example.com', phase: 'started', failures: 5, ips: ['10.0.0.0', '10.0.0.1', '10.0.0.2'] } });
    await vi.advanceTimersByTimeAsync(61_000);
    expect(events.at(-1)).toMatchObject({ action: 'auth.sign_in_failures_burst', details: { email: 'a@example.com', phase: 'ended', failures: 12 } });
    // A failure after the window starts afresh.
    await auditor.onSignIn(failure('a@example.com'));
    expect(events.at(-1)).toMatchObject({ action: 'auth.sign_in_failed' });
    await auditor.close();
  });

  it('writes a successful sign-in as it happens', async () => {
    const events: AuditEvent[] = [];
    const auditor = auditSignIns(memoryAuditLog(events), () => undefined);
    await auditor.onSignIn({ outcome: 'signed_in', email: 'a@example.com', userId: 'u1', client: { ip: '10.0.0.1', userAgent: 'x'.repeat(400) } });
    expect(events).toEqual([{ action: 'auth.sign_in', actor: { type: 'user', id: 'u1', email: 'a@example.com' }, details: { method: 'password', ip: '10.0.0.1', userAgent: 'x'.repeat(300) } }]);
  });
});
