/**
 * Who sends which weekly summary. Every instance runs the scheduler; before
 * mailing a user it claims the (week, user) key in the storage all instances
 * share, and only the one claim that succeeds sends. A claim is a lease: an
 * instance that dies mid-send leaves a claim that expires, and another takes
 * it over later. Once sent, the key is marked so for good (a restart, or a
 * later pass in the same week, finds it and sends nothing).
 *
 * The one window left: an instance that dies after the mail server accepted
 * the message and before `markSent` was stored. Its lease then expires and the
 * mail goes out a second time: a rare duplicate is preferred to a lost mail.
 */
export interface SummaryClaims {
  /** True when `owner` may send `key` now; false when it was sent, or another owner's lease still runs. */
  claim(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Records that `key` was sent: no one claims it again. */
  markSent(key: string, owner: string): Promise<void>;
  /** Gives up `owner`'s claim after a failed send, so a later pass tries again. */
  release(key: string, owner: string): Promise<void>;
  /** Forgets the keys of weeks before `week` (sortable ISO week labels). */
  forgetBefore(week: string): Promise<void>;
  close(): Promise<void>;
}

export const claimKey = (week: string, userId: string) => `${week}|${userId}`;
