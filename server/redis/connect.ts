import { createClient } from 'redis';

const newClient = (url: string) =>
  createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
  });

export type RedisClient = ReturnType<typeof newClient>;

export interface RedisConnectOptions {
  url: string;
  /** What the client is for, in the outage and recovery log lines. */
  purpose: string;
  log?: (message: string) => void;
}

/**
 * A Redis client that never holds a request hostage: commands fail at once
 * while it is disconnected (no offline queue), it reconnects in the
 * background with backoff, and the server starts without waiting for it. Each
 * user decides what a failed command means (serve without a cache, let a
 * request past a volume limit, refuse a sign-in). An outage is logged once,
 * and again when it ends; never the URL, which may hold a password.
 */
export function connectRedis(options: RedisConnectOptions): RedisClient {
  const log = options.log ?? (() => undefined);
  const client = newClient(options.url);
  let down = false;
  client.on('error', () => {
    if (!down) log(`${options.purpose}: Redis is unreachable`);
    down = true;
  });
  client.on('ready', () => {
    if (down) log(`${options.purpose}: Redis is back`);
    down = false;
  });
  void client.connect().catch(() => undefined);
  return client;
}

/**
 * Resolves once the client is connected or after `ms`, whichever comes first:
 * at start-up a reachable Redis is in use from the first request, and an
 * unreachable one delays the start by at most `ms`.
 */
export async function readyWithin(client: RedisClient, ms: number): Promise<void> {
  if (client.isReady) return;
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    client.once('ready', () => resolve());
  });
  clearTimeout(timer);
}

/** Closes the client whatever state it is in, without waiting on a server that is gone. */
export async function closeRedis(client: RedisClient): Promise<void> {
  try {
    if (client.isReady) await client.close();
    else client.destroy();
  } catch {
    // Already closed.
  }
}

/** `work`, or a rejection after `ms`: a Redis that accepts connections but does not answer must not hold requests. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
