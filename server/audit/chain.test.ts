import { describe, expect, it } from 'vitest';
import { chainEntry, verifyChain, type AuditEntry } from './chain';

function buildLog(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    entries.push(chainEntry({ action: 'role.changed', actor: { type: 'cli' }, target: { id: `u${index}` }, details: { to: 'admin' } }, entries.at(-1) ?? null, new Date(Date.UTC(2026, 0, 1, 0, index))));
  }
  return entries;
}
const lines = (entries: AuditEntry[]) => entries.map((entry) => JSON.stringify(entry));
const headOf = (entries: AuditEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });


describe('audit chain', () => {
  it('verifies an untouched log', () => {
    const log = buildLog(4);
    expect(verifyChain(lines(log), headOf(log))).toMatchObject({ intact: true, count: 4 });
    expect(verifyChain([], null)).toMatchObject({ intact: true, count: 0 });
  });

  it('names an edited entry', () => {
    const log = buildLog(4);
    const edited = lines(log);
    edited[1] = edited[1]!.replace('"to":"admin"', '"to":"owner"');
    expect(verifyChain(edited, headOf(log))).toMatchObject({ intact: false, seq: 2, problem: 'edited' });
  });

  it('names an edited entry whose hash was recomputed, through the next link', () => {
    const log = buildLog(4);
    const forged = chainEntry({ action: 'role.changed', actor: { type: 'cli' }, target: { id: 'u1' }, details: { to: 'owner' } }, log[0]!, new Date(log[1]!.at));
    const edited = lines([log[0]!, forged, log[2]!, log[3]!]);
    expect(verifyChain(edited, headOf(log))).toMatchObject({ intact: false, seq: 2, problem: 'edited' });
  });

  it('names a removed entry, in the middle and at the end', () => {
    const log = buildLog(4);
    expect(verifyChain(lines([log[0]!, log[2]!, log[3]!]), headOf(log))).toMatchObject({ intact: false, seq: 2, problem: 'removed' });
    expect(verifyChain(lines(log.slice(0, 3)), headOf(log))).toMatchObject({ intact: false, seq: 4, problem: 'removed' });
    expect(verifyChain(lines(log.slice(1)), headOf(log))).toMatchObject({ intact: false, seq: 1, message: 'entry 1 was removed (the log starts at entry 2)' });
  });

  it('refuses details that look like a secret', () => {
    expect(() => chainEntry({ action: 'owner.created', actor: { type: 'env' }, details: { password: 'x' } }, null, new Date())).toThrow();
  });
});
