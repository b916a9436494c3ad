import Papa from 'papaparse';
import { z } from 'zod';
import { guardCell } from '../../shared/transfer/csv-cell';
import { AUDIT_ACTIONS, type AuditEntry } from './chain';

/** Filtering and exporting the audit log (GET /api/admin/audit), pure. */

export interface AuditFilter {
  /** An account id or email, or `cli`, `env`, `anonymous`, `system`. */
  actor?: string | undefined;
  /** An exact action, or a prefix ending in a dot (`user.`). */
  action?: string | undefined;
  /** Inclusive, ms since the epoch. */
  fromMs?: number | undefined;
  /** Exclusive. */
  toMs?: number | undefined;
}

const isoTime = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));
const actionOrPrefix = z.string().max(64).refine(
  (value) => (AUDIT_ACTIONS as readonly string[]).includes(value) || (value.endsWith('.') && AUDIT_ACTIONS.some((action) => action.startsWith(value))),
  'must be an audit action or a prefix of one ending in a dot',
);

/** Query-string filters and paging, strictly: an unknown parameter is a mistake the caller should hear about. */
export const auditQuerySchema = z.strictObject({
  actor: z.string().min(1).max(254).optional(),
  action: actionOrPrefix.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

export function toAuditFilter(query: { actor?: string | undefined; action?: string | undefined; from?: number | undefined; to?: number | undefined }): AuditFilter {
  return { actor: query.actor?.trim().toLowerCase(), action: query.action, fromMs: query.from, toMs: query.to };
}

export function matchesAuditFilter(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.action !== undefined) {
    if (filter.action.endsWith('.') ? !entry.action.startsWith(filter.action) : entry.action !== filter.action) return false;
  }
  if (filter.fromMs !== undefined || filter.toMs !== undefined) {
    const at = Date.parse(entry.at);
    if (filter.fromMs !== undefined && at < filter.fromMs) return false;
    if (filter.toMs !== undefined && at >= filter.toMs) return false;
  }
  if (filter.actor !== undefined) {
    const { actor } = entry;
    const matches = actor.type === 'user' ? actor.id.toLowerCase() === filter.actor || actor.email?.toLowerCase() === filter.actor : actor.type === filter.actor;
    if (!matches) return false;
  }
  return true;
}

const CSV_FIELDS = ['seq', 'at', 'action', 'actorType', 'actorId', 'actorEmail', 'targetId', 'targetEmail', 'details', 'hash'] as const;

/** One row per entry; details as JSON in one cell; every cell guarded against spreadsheet formulas. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) => {
    const actor = entry.actor.type === 'user' ? entry.actor : { id: '', email: '' };
    return [String(entry.seq), entry.at, entry.action, entry.actor.type, actor.id, actor.email ?? '', entry.target?.id ?? '', entry.target?.email ?? '', JSON.stringify(entry.details), entry.hash].map(guardCell);
  });
  return `\uFEFF${Papa.unparse({ fields: [...CSV_FIELDS], data: rows }, { newline: '\r\n' })}\r\n`;
}
