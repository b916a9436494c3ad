import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditFiles, openAuditLog, verifyAuditLog } from './log';

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
    expect(messages.join('\n')).toContain('entry 2 was edited');
    expect((await reopened.append(event('c'))).seq).toBe(3);
    expect(await verifyAuditLog(dir)).toMatchObject({ intact: false, seq: 2, problem: 'edited' });
  });
});
