import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { chainEntry } from './chain';
import { auditCsv, auditQuerySchema, matchesAuditFilter, toAuditFilter } from './query';

const at = new Date('2026-03-01T10:00:00.000Z');
const entry = chainEntry({ action: 'user.disabled', actor: { type: 'user', id: 'U1', email: 'Admin@Example.com' }, target: { id: 't1', email: '=HYPERLINK("x")' } }, null, at);

describe('audit query', () => {
  it('matches an action or a prefix, an actor by id, email or type, and a half-open time range', () => {
    const filter = (query: Record<string, string>) => toAuditFilter(auditQuerySchema.parse(query));
    expect(matchesAuditFilter(entry, filter({ action: 'user.' }))).toBe(true);
    expect(matchesAuditFilter(entry, filter({ action: 'user.deleted' }))).toBe(false);
    expect(matchesAuditFilter(entry, filter({ actor: 'admin@example.com' }))).toBe(true);
    expect(matchesAuditFilter(entry, filter({ actor: 'u1' }))).toBe(true);
    expect(matchesAuditFilter(entry, filter({ actor: 'cli' }))).toBe(false);
    expect(matchesAuditFilter(entry, filter({ from: '2026-03-01T10:00:00Z', to: '2026-03-01T10:00:01Z' }))).toBe(true);
    expect(matchesAuditFilter(entry, filter({ to: '2026-03-01T10:00:00Z' }))).toBe(false);
    expect(auditQuerySchema.safeParse({ action: 'us' }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ limit: '201' }).success).toBe(false);
  });

  it('exports CSV a spreadsheet cannot run as a formula', () => {
    const [row] = Papa.parse<Record<string, string>>(auditCsv([entry]).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(row).toMatchObject({ seq: '1', action: 'user.disabled', actorEmail: 'Admin@Example.com', details: '{}' });
    expect(row?.targetEmail?.startsWith('=')).toBe(false);
    expect(row?.targetEmail).toContain('HYPERLINK');
  });
});
