import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditEvent } from '../../server/audit/chain';
import { auditSignIns } from '../../server/audit/sign-ins';
import { eventually } from '../helpers/eventually';
import { memoryAuditLog } from '../helpers/memory-audit-log';
import { startRedis, type TestRedis } from '../helpers/redis';

/**
 * A guessing run spread by a load balancer over two instances is one burst in
 * the audit log they share: counted in the Redis they share (REDIS_URL), its
 * start reported once when the failures reach the threshold together, and its
 * totals written once when it goes quiet, by whichever instance looks first.
 */

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

it('reports one burst for failures split between two instances, and ends it once', async () => {
  const events: AuditEvent[] = [];
  const options = { burstThreshold: 5, burstWindowMs: 3000, redisUrl: redis.url };
  // One log both write to, as instances share theirs.
  const instances = [auditSignIns(memoryAuditLog(events), () => undefined, options), auditSignIns(memoryAuditLog(events), () => undefined, options)];
  try {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await instances[attempt % 2]!.onSignIn({ outcome: 'failed', email: 'ada@example.com', client: { ip: `10.0.0.${attempt % 3}`, userAgent: 'test' } });
    }
    expect(events.map((event) => event.action)).toEqual([...Array(4).fill('auth.sign_in_failed'), 'auth.sign_in_failures_burst']);
    expect(events[4]).toMatchObject({ details: { email: 'ada@example.com', phase: 'started', failures: 5, ips: ['10.0.0.0', '10.0.0.1', '10.0.0.2'] } });

    const ended = await eventually(async () => events.filter((event) => event.details?.phase === 'ended'), (found) => found.length > 0, 10_000);
    expect(ended[0]).toMatchObject({ details: { email: 'ada@example.com', failures: 12, ips: ['10.0.0.0', '10.0.0.1', '10.0.0.2'] } });
    // Both instances' timers have run by now: still one end.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(events.filter((event) => event.details?.phase === 'ended')).toHaveLength(1);
  } finally {
    await Promise.all(instances.map((instance) => instance.close()));
  }
});
