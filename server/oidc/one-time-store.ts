import { randomBytes } from 'node:crypto';

/**
 * Values that may be taken once, before they expire: the pending
 * authorization (by `state`, 10 minutes) and the login code handed to the
 * extension (60 seconds). In memory: a sign-in starts and ends on one server
 * process, and losing them on restart only means starting the sign-in again.
 *
 * A flood of sign-in starts must not push out the sign-ins real people have
 * in progress, so nothing is ever evicted before it expires: each client
 * (its address) holds at most `maxPerClient` entries, a client past that
 * replaces its own oldest (someone who pressed "Sign in" twice needs only the
 * last), and a store full of other clients' entries refuses new ones.
 */
/** Where one-time values live: this process (one instance) or Redis (every instance, REDIS_URL). */
export interface OneTimeValues<T> {
  /** Stores under a new random 256-bit key and returns it; null when the store is full. */
  add(value: T, client?: string): Promise<string | null>;
  /** False when the store is full of other clients' unexpired entries. */
  set(key: string, value: T, client?: string): Promise<boolean>;
  /** The value, removed; null when unknown, already taken or expired. */
  take(key: string): Promise<T | null>;
}

export const newOneTimeKey = () => randomBytes(32).toString('base64url');

export class OneTimeStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number; client: string }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
    private readonly maxEntries = 10_000,
    private readonly maxPerClient = 5,
  ) {}

  /** Stores under a new random 256-bit key and returns it; null when the store is full. */
  add(value: T, client = ''): string | null {
    const key = newOneTimeKey();
    return this.set(key, value, client) ? key : null;
  }

  /** False when the store is full of other clients' unexpired entries. */
  set(key: string, value: T, client = ''): boolean {
    this.sweep();
    const own = [...this.entries].filter(([, entry]) => entry.client === client);
    if (own.length >= this.maxPerClient) this.entries.delete(own[0]![0]);
    else if (this.entries.size >= this.maxEntries) return false;
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs, client });
    return true;
  }

  /** The value, removed; null when unknown, already taken or expired. */
  take(key: string): T | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    return entry.expiresAt > this.now() ? entry.value : null;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

/** The in-process store behind the asynchronous interface the routes use. */
export function inProcessValues<T>(store: OneTimeStore<T>): OneTimeValues<T> {
  return {
    add: async (value, client) => store.add(value, client),
    set: async (key, value, client) => store.set(key, value, client),
    take: async (key) => store.take(key),
  };
}
