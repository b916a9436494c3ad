/**
 * Remembers each signed request for as long as its timestamp could still be
 * accepted, so the same request is answered once. In memory: one server
 * process; several instances would need a shared store (the contract allows
 * this one for now).
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
    /** A bound on memory; past it the oldest entries go first (they expire first anyway). */
    private readonly maxEntries = 200_000,
  ) {}

  /** True the first time `nonce` is offered within its lifetime, false for every repeat. */
  claim(nonce: string, timestamp: number): boolean {
    const now = this.now();
    this.sweep(now);
    const expiresAt = this.seen.get(nonce);
    if (expiresAt !== undefined && expiresAt > now) return false;
    // Kept until the timestamp leaves the window on the far side, whatever the clock skew.
    this.seen.set(nonce, Math.max(timestamp, now) + this.windowMs);
    if (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 30_000;
    for (const [nonce, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(nonce);
  }
}
