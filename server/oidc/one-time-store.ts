import { randomBytes } from 'node:crypto';

/**
 * Values that may be taken once, before they expire: the pending
 * authorization (by `state`, 10 minutes) and the login code handed to the
 * extension (60 seconds). In memory: a sign-in starts and ends on one server
 * process, and losing them on restart only means starting the sign-in again.
 */
export class OneTimeStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
    private readonly maxEntries = 10_000,
  ) {}

  /** Stores under a new random 256-bit key and returns it. */
  add(value: T): string {
    const key = randomBytes(32).toString('base64url');
    this.set(key, value);
    return key;
  }

  set(key: string, value: T): void {
    this.sweep();
    // Full of abandoned sign-ins: the oldest (first to expire) makes room.
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
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
