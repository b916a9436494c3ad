import type { RequestHandler } from 'express';
import { closeRedis, connectRedis } from '../redis/connect';

/**
 * /health/ready: whether this instance can serve now, for a load balancer or
 * an orchestrator (/health only says the process is up). Each check gets a
 * short deadline: a hung dependency makes the answer 503, never a hung probe.
 */

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function readinessRoute(checks: readonly ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): RequestHandler {
  return (_req, res, next) => {
    Promise.all(checks.map(async ({ name, check }) => {
      try {
        await withDeadline(check(), timeoutMs);
        return [name, 'ok'] as const;
      } catch {
        return [name, 'failing'] as const;
      }
    })).then((results) => {
      const ready = results.every(([, state]) => state === 'ok');
      res.status(ready ? 200 : 503).set('cache-control', 'no-store').json({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) });
    }, next);
  };
}

/** A Redis connection of its own (server/redis/connect.ts: fails at once while Redis is away) that answers PING. */
export function redisReadiness(url: string): ReadinessCheck & { close(): Promise<void> } {
  // Outages are reported by the probe's answer; the rate limits and the ML cache log their own.
  const client = connectRedis({ url, purpose: 'Readiness check' });
  return {
    name: 'redis',
    async check() {
      if (!client.isReady) throw new Error('Redis is not connected');
      await client.ping();
    },
    close: () => closeRedis(client),
  };
}
