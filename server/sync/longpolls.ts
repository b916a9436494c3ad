/**
 * Longpolls each user holds open on this instance. Each one keeps a database
 * handle, a change listener and a socket; a few per device are normal
 * (browsers themselves allow about six per host).
 */
export class LongpollCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** A release function, or null when the user already holds `max`. */
  take(userId: string): (() => void) | null {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.max) return null;
    this.open.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.open.get(userId) ?? 1) - 1;
      if (now <= 0) this.open.delete(userId);
      else this.open.set(userId, now);
    };
  }
}

/** The refusal of one longpoll too many, in the gate's words (whoever answers the longpoll). */
export const TOO_MANY_LONGPOLLS = (max: number) =>
  `At most ${max} live _changes requests may be open at once for one account; close one first`;
