import crypto from 'node:crypto';
import { z } from 'zod';
import { canonical } from '../../shared/sync/canonical';

/**
 * The audit log's hash chain, pure: how an entry's hash is made and how a
 * sequence of stored lines is checked. Each entry's hash covers its content
 * and the previous entry's hash, so editing an entry breaks its own hash (or,
 * if the editor re-hashed it, the next entry's link), and removing one leaves
 * a gap in the sequence numbers.
 */

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_ACTIONS = [
  'owner.created', 'owner.bootstrap_skipped', 'role.changed', 'role.change_refused',
  'auth.sign_in', 'auth.sign_in_failed', 'auth.sign_in_failures_burst', 'auth.sign_in_refused',
  'second_factor.enrolment_started', 'second_factor.enrolled', 'second_factor.failed', 'second_factor.reset', 'admin.session_started',
  'user.updated', 'user.disabled', 'user.enabled', 'user.verified', 'user.deleted', 'user.signed_out_everywhere', 'user.password_reset_sent', 'user.action_refused',
  'audit.exported', 'audit.pruned',
  'rules.uploaded', 'rules.upload_refused', 'rules.rolled_back', 'ml.cache_cleared', 'ml.breaker_reset',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Never a password, token or code: keys that look like one are refused outright. */
const SECRET_KEY = /pass|token|secret|code|hash|otp|cookie|authorization/i;
const detailValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(50)]);

const subjectSchema = z.strictObject({ id: z.string().min(1).max(200), email: z.string().max(254).optional() });

export const auditEventSchema = z.strictObject({
  action: z.enum(AUDIT_ACTIONS),
  /** Who did it: an account, the operator at the command line or through the environment, or someone not signed in. */
  actor: z.union([
    z.strictObject({ type: z.literal('user'), id: z.string().min(1).max(200), email: z.string().max(254).optional() }),
    z.strictObject({ type: z.enum(['cli', 'env', 'anonymous', 'system']) }),
  ]),
  target: subjectSchema.optional(),
  details: z
    .record(z.string().max(64), detailValue)
    .refine((details) => Object.keys(details).length <= 30, 'at most 30 details')
    .refine((details) => Object.keys(details).every((key) => !SECRET_KEY.test(key)), 'details must not carry passwords, tokens or codes')
    .default({}),
});
export type AuditEvent = z.input<typeof auditEventSchema>;

export const auditEntrySchema = auditEventSchema.extend({
  seq: z.number().int().positive(),
  at: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, action, actor, target, details, prevHash } = entry;
  // Key order must not matter: two writers that build the same entry differently hash it the same.
  const content = { seq, at, action, actor, target, details, prevHash };
  return crypto.createHash('sha256').update(canonical(content)).digest('hex');
}

export function chainEntry(event: AuditEvent, previous: { seq: number; hash: string } | null, at: Date): AuditEntry {
  const parsed = auditEventSchema.parse(event);
  const base = { ...parsed, seq: (previous?.seq ?? 0) + 1, at: at.toISOString(), prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...base, hash: entryHash(base) };
}

/** The details of an `audit.pruned` entry: where the retained chain starts. */
export const PRUNED_THROUGH_SEQ = 'prunedThroughSeq';
export const PRUNED_THROUGH_SHA256 = 'prunedThroughSha256';

/**
 * The last pruned entry named by the newest `audit.pruned` entry still in the
 * log, or null when nothing was ever pruned (the chain starts at genesis).
 * The prune entry is itself chained, so moving the anchor means editing an
 * entry, which the walk below names.
 */
export function pruneAnchor(lines: readonly string[]): { seq: number; hash: string } | null {
  let anchor: { seq: number; hash: string } | null = null;
  for (const line of lines) {
    if (!line.includes('"audit.pruned"')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const entry = auditEntrySchema.safeParse(parsed);
    if (!entry.success || entry.data.action !== 'audit.pruned') continue;
    const seq = entry.data.details[PRUNED_THROUGH_SEQ];
    const hash = entry.data.details[PRUNED_THROUGH_SHA256];
    if (typeof seq === 'number' && typeof hash === 'string' && (!anchor || seq > anchor.seq)) anchor = { seq, hash };
  }
  return anchor;
}

export type ChainReport =
  /** `count`: entries checked; `prunedThrough`: the last entry retention removed (0 when none). */
  | { intact: true; count: number; prunedThrough: number; last: { seq: number; hash: string } | null }
  /** `conflicted`: two versions of one entry, written at once through different CouchDB nodes (audit/couch-log.ts). */
  | { intact: false; seq: number; problem: 'edited' | 'removed' | 'conflicted'; message: string };

/**
 * Walks the lines of the log in order and names the first entry that was
 * edited or removed. `head` is the separately kept record of the last entry
 * written, which catches entries cut off the end. A log rewritten from the
 * first entry on with fresh hashes (and head) is not detectable from inside;
 * that needs a copy of the head kept elsewhere.
 */
export function verifyChain(lines: readonly string[], head: { seq: number; hash: string } | null): ChainReport {
  // After retention pruned the oldest entries, the chain starts where its newest prune entry says.
  const anchor = pruneAnchor(lines);
  let previous: { seq: number; hash: string } | null = anchor;
  for (const line of lines) {
    const expected = (previous?.seq ?? 0) + 1;
    let entry: AuditEntry;
    try {
      entry = auditEntrySchema.parse(JSON.parse(line));
    } catch {
      return { intact: false, seq: expected, problem: 'edited', message: `entry ${expected} was edited: it is no longer a valid audit entry` };
    }
    if (entry.seq > expected) {
      const removed = entry.seq - 1 === expected ? `entry ${expected} was removed` : `entries ${expected} to ${entry.seq - 1} were removed`;
      const where = expected === 1 ? `the log starts at entry ${entry.seq}` : `entry ${entry.seq} follows entry ${expected - 1}`;
      return { intact: false, seq: expected, problem: 'removed', message: `${removed} (${where})` };
    }
    if (entry.seq < expected) {
      return { intact: false, seq: expected, problem: 'edited', message: `entry ${expected} was edited: it carries sequence number ${entry.seq}` };
    }
    if (entryHash(entry) !== entry.hash) {
      return { intact: false, seq: entry.seq, problem: 'edited', message: `entry ${entry.seq} was edited: its content no longer matches its hash` };
    }
    if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      // Its own hash holds, so the previous entry is the one that changed (and was re-hashed).
      const edited = entry.seq - 1;
      return { intact: false, seq: edited, problem: 'edited', message: `entry ${edited} was edited: entry ${entry.seq} no longer links to it` };
    }
    previous = { seq: entry.seq, hash: entry.hash };
  }
  if (head) {
    const lastSeq = previous?.seq ?? 0;
    if (head.seq > lastSeq) {
      const from = lastSeq + 1;
      const removed = head.seq === from ? `entry ${from} was removed` : `entries ${from} to ${head.seq} were removed`;
      return { intact: false, seq: from, problem: 'removed', message: `${removed} from the end of the log (the head records entry ${head.seq})` };
    }
  }
  const prunedThrough = anchor?.seq ?? 0;
  return { intact: true, count: (previous?.seq ?? 0) - prunedThrough, prunedThrough, last: previous };
}
