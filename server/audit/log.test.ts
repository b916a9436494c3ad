import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chainEntry, type AuditEntry } from './chain';
import { auditFiles, openAuditLog, readLastLine, verifyAuditLog } from './log';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-audit-'));
  dirs.push(dir);
  return dir;
}

const event = (id: string) => ({ action: 'role.changed' as const, actor: { type: 'cli' as const }, target: { id } });

describe('audit log file', () => {
  it('numbers concurrent appends consecutively and continues the chain after a restart', async () => {
    const dir = await dataDir();
    const first = await openAuditLog(dir);
    const entries = await Promise.all(['a', 'b', 'c'].map((id) => first.append(event(id))));
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    const reopened = await openAuditLog(dir);
    expect((await reopened.append(event('d'))).prevHash).toBe(entries[2]!.hash);
    expect(await verifyAuditLog(dir)).toMatchObject({ intact: true, count: 4 });
  });

  it('still starts and appends when the last line was mangled, and the verifier names it', async () => {
    const dir = await dataDir();
    const log = await openAuditLog(dir);
    await log.append(event('a'));
    await log.append(event('b'));
    const file = auditFiles(dir).log;
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n');
    await fs.writeFile(file, `${lines[0]}\nnot json\n`);
    const messages: string[] = [];
    const reopened = await openAuditLog(dir, (message) => messages.push(message));
    expect(messages.join('\n')).toContain('last line is not a valid entry');
    expect((await reopened.append(event('c'))).seq).toBe(3);
    expect(await verifyAuditLog(dir)).toMatchObject({ intact: false, seq: 2, problem: 'edited' });
  });

  it('reads only the last complete line, over chunk boundaries and multi-byte characters', async () => {
    const file = path.join(await dataDir(), 'lines.txt');
    expect(await readLastLine(file)).toBeNull();
    const long = 'é'.repeat(70_000);
    await fs.writeFile(file, `first\n${long}\npartial`);
    expect(await readLastLine(file)).toBe(long);
    await fs.writeFile(file, 'only\n\n');
    expect(await readLastLine(file)).toBe('only');
    await fs.writeFile(file, 'no newline yet');
    expect(await readLastLine(file)).toBeNull();
  });

  it('prunes old entries behind an audit.pruned anchor the verifier starts from, and still names edits and removals', async () => {
    const dir = await dataDir();
    const files = auditFiles(dir);
    await fs.mkdir(path.dirname(files.log), { recursive: true });
    // Six entries, the first four from 100 days ago.
    let previous: AuditEntry | null = null;
    const lines: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      const at = new Date(Date.now() - (index < 4 ? 100 : 1) * 86_400_000 + index * 1000);
      previous = chainEntry(event(`u${index}`), previous, at);
      lines.push(JSON.stringify(previous));
    }
    await fs.writeFile(files.log, `${lines.join('\n')}\n`);
    await fs.writeFile(files.head, JSON.stringify({ seq: previous!.seq, hash: previous!.hash }));
    const log = await openAuditLog(dir);
    expect(await log.prune(new Date(Date.now() - 30 * 86_400_000))).toBe(4);
    const kept = (await fs.readFile(files.log, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEntry);
    expect(kept.map((entry) => entry.seq)).toEqual([5, 6, 7]);
    expect(kept[2]).toMatchObject({ action: 'audit.pruned', details: { prunedThroughSeq: 4, pruned: 4 } });
    expect(await verifyAuditLog(dir)).toMatchObject({ intact: true, count: 3, prunedThrough: 4, last: { seq: 7 } });
    expect(await log.prune(new Date(Date.now() - 30 * 86_400_000))).toBe(0);

    const text = await fs.readFile(files.log, 'utf8');
    // Editing a retained entry, or removing the first one kept, is still found.
    await fs.writeFile(files.log, text.replace('"id":"u5"', '"id":"u9"'));
    expect(await verifyAuditLog(dir)).toMatchObject({ intact: false, seq: 6, problem: 'edited' });
    await fs.writeFile(files.log, text.split('\n').slice(1).join('\n'));
    expect(await verifyAuditLog(dir)).toMatchObject({ intact: false, seq: 5, problem: 'removed' });
  });

  it('filters newest first, a page at a time', async () => {
    const log = await openAuditLog(await dataDir());
    for (const id of ['a', 'b', 'c', 'd', 'e']) await log.append(event(id));
    await log.append({ action: 'auth.sign_in', actor: { type: 'user', id: 'u1', email: 'u1@example.com' } });
    const first = await log.query({ action: 'role.changed' }, { limit: 2 });
    expect(first.entries.map((entry) => entry.target?.id)).toEqual(['e', 'd']);
    const second = await log.query({ action: 'role.changed' }, { limit: 2, beforeSeq: first.nextBeforeSeq ?? undefined });
    expect(second.entries.map((entry) => entry.target?.id)).toEqual(['c', 'b']);
    const last = await log.query({ action: 'role.changed' }, { limit: 2, beforeSeq: second.nextBeforeSeq ?? undefined });
    expect(last).toMatchObject({ entries: [{ target: { id: 'a' } }], nextBeforeSeq: null });
    expect((await log.query({ actor: 'u1@example.com' }, { limit: 10 })).entries.map((entry) => entry.action)).toEqual(['auth.sign_in']);
    expect((await log.list({ actor: 'cli' }, 3)).map((entry) => entry.target?.id)).toEqual(['a', 'b', 'c']);
  });
});
