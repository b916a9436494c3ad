import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/http-server';
import { couchEnvFor } from '../helpers/couch-mode';
import { createVerifiedAccount } from '../helpers/accounts';
import { signInAsAdmin } from '../helpers/admin-session';
import { readAuditEntries, readFirstOwnerMarker, tamperAuditEntry, verifyServerAuditLog } from '../helpers/server-records';

/**
 * The first owner (npm run admin -- create-owner, ADMIN_EMAIL/ADMIN_PASSWORD)
 * and the audit log's chain (npm run audit:verify), against a real server and
 * a data directory kept across restarts.
 */

const root = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'Vivid-Lantern-8271';
const dirs: string[] = [];
const running: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function newDataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-admin-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, overrides: Partial<ServerConfig> = {}, logs: string[] = []): Promise<RunningServer> {
  const config = { ...loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...couchEnvFor(dataDir) }), ...overrides };
  const server = await startServer(config, { log: (message, error) => logs.push(`${message} ${error ? String(error) : ''}`) });
  running.push(server);
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  running.splice(running.indexOf(server), 1);
  await server.stop();
}

function cli(dataDir: string, script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, ...couchEnvFor(dataDir) } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const admin = (dataDir: string, ...args: string[]) => cli(dataDir, 'scripts/admin.ts', ...args);
const verify = (dataDir: string) => cli(dataDir, 'scripts/audit-verify.ts');

async function login(url: string, email: string, password = PASSWORD) {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { status: response.status, json: (await response.json()) as { user?: { role: string } } };
}

describe('npm run admin -- create-owner', () => {
  it('promotes a verified account, refuses unverified and unknown ones, and records it in the audit log', async () => {
    const dataDir = await newDataDir();
    let server = await start(dataDir);
    await createVerifiedAccount({ url: server.url, dataDir }, { name: 'Ada', email: 'ada@example.com', password: PASSWORD });
    await fetch(`${server.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bob', email: 'bob@example.com', password: PASSWORD }) });

    // Embedded databases are locked by the running server; CouchDB (COUCHDB_URL) has no such lock to report.
    if (!couchEnvFor(dataDir).COUCHDB_URL) {
      const whileRunning = admin(dataDir, 'create-owner', 'ada@example.com');
      expect(whileRunning.code).toBe(1);
      expect(whileRunning.stderr).toContain('is in use: stop the TrackRuit server');
    }
    await stop(server);

    expect(admin(dataDir, 'create-owner').code).toBe(2);
    expect(admin(dataDir, 'create-owner', 'not-an-email').code).toBe(2);
    const unknown = admin(dataDir, 'create-owner', 'nobody@example.com');
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('No account uses nobody@example.com');
    const unverified = admin(dataDir, 'create-owner', 'bob@example.com');
    expect(unverified).toMatchObject({ code: 1 });
    expect(unverified.stderr).toContain('has not confirmed its email address');
    const promoted = admin(dataDir, 'create-owner', 'ADA@example.com');
    expect(promoted).toMatchObject({ code: 0 });
    expect(promoted.stdout).toContain('ada@example.com is now an owner (was user)');
    expect(admin(dataDir, 'create-owner', 'ada@example.com').stdout).toContain('already an owner');

    server = await start(dataDir);
    expect((await login(server.url, 'ada@example.com')).json.user?.role).toBe('owner');
    const intact = verify(dataDir);
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toContain('Audit log intact: 2 entries'); // the promotion, then the sign-in
    const entries = await readAuditEntries({ dataDir, config: server.config });
    const log = JSON.stringify(entries);
    expect(entries[0]).toMatchObject({ seq: 1, action: 'owner.created', actor: { type: 'cli' }, target: { email: 'ada@example.com' } });
    expect(log).not.toContain(PASSWORD);
  });
});

describe('ADMIN_EMAIL / ADMIN_PASSWORD', () => {
  it('creates the first owner on the first start only, and never logs the password', async () => {
    const dataDir = await newDataDir();
    const logs: string[] = [];
    let server = await start(dataDir, { adminBootstrap: { email: 'root@example.com', password: PASSWORD } }, logs);
    expect((await login(server.url, 'root@example.com')).json.user?.role).toBe('owner');
    expect(await readFirstOwnerMarker({ dataDir, config: server.config })).toMatchObject({ outcome: 'created', email: 'root@example.com' });
    await stop(server);

    // Another address later: ignored, even though no account uses it.
    server = await start(dataDir, { adminBootstrap: { email: 'later@example.com', password: PASSWORD } }, logs);
    expect((await login(server.url, 'later@example.com')).status).toBe(401);
    expect(logs.join('\n')).toContain('ADMIN_EMAIL/ADMIN_PASSWORD are ignored');
    expect(logs.join('\n')).not.toContain(PASSWORD);
    expect(verify(dataDir)).toMatchObject({ code: 0 });
  });

  it('resets the last owner\'s second factor from the command line, so a lost phone does not lock the server\'s admin away', async () => {
    const dataDir = await newDataDir();
    let server = await start(dataDir, { adminBootstrap: { email: 'root@example.com', password: PASSWORD } });
    const first = await signInAsAdmin(server.url, 'root@example.com', PASSWORD);
    await stop(server);
    expect(admin(dataDir, 'reset-second-factor', 'nobody@example.com')).toMatchObject({ code: 1 });
    expect(admin(dataDir, 'reset-second-factor')).toMatchObject({ code: 2 });
    const reset = admin(dataDir, 'reset-second-factor', 'root@example.com');
    expect(reset).toMatchObject({ code: 0, stdout: expect.stringContaining('second factor is removed') });
    server = await start(dataDir);
    // A new set-up, with a new secret, works; the old one is gone.
    const second = await signInAsAdmin(server.url, 'root@example.com', PASSWORD);
    expect(second.secret).not.toBe(first.secret);
    const log = await readAuditEntries({ dataDir, config: server.config });
    expect(log.find((entry) => entry.action === 'second_factor.reset')).toMatchObject({ actor: { type: 'cli' } });
    expect(verify(dataDir)).toMatchObject({ code: 0 });
  });

  it('promotes an existing verified account without touching its password, and takes a pending registration away from its registrant', async () => {
    const dataDir = await newDataDir();
    let server = await start(dataDir);
    await createVerifiedAccount({ url: server.url, dataDir }, { name: 'Ada', email: 'ada@example.com', password: PASSWORD });
    await stop(server);
    server = await start(dataDir, { adminBootstrap: { email: 'ada@example.com', password: 'Other-Lantern-5555' } });
    expect((await login(server.url, 'ada@example.com')).json.user?.role).toBe('owner');
    expect((await login(server.url, 'ada@example.com', 'Other-Lantern-5555')).status).toBe(401);
    await stop(server);

    const second = await newDataDir();
    server = await start(second);
    // Someone else registers the operator's address first and never verifies it.
    await fetch(`${server.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Squatter', email: 'root@example.com', password: 'Squatter-Pass-7777' }) });
    await stop(server);
    server = await start(second, { adminBootstrap: { email: 'root@example.com', password: PASSWORD } });
    expect((await login(server.url, 'root@example.com')).json.user?.role).toBe('owner');
    expect((await login(server.url, 'root@example.com', 'Squatter-Pass-7777')).status).toBe(401);
  });

  it('does nothing but record it when an owner already exists', async () => {
    const dataDir = await newDataDir();
    let server = await start(dataDir);
    await createVerifiedAccount({ url: server.url, dataDir }, { name: 'Ada', email: 'ada@example.com', password: PASSWORD });
    await stop(server);
    expect(admin(dataDir, 'create-owner', 'ada@example.com').code).toBe(0);
    server = await start(dataDir, { adminBootstrap: { email: 'root@example.com', password: PASSWORD } });
    expect((await login(server.url, 'root@example.com')).status).toBe(401);
    expect(await readFirstOwnerMarker({ dataDir, config: server.config })).toMatchObject({ outcome: 'owner_existed' });
  });

  it('refuses a weak ADMIN_PASSWORD or a half-set pair at start-up without echoing the password', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', DATA_DIR: os.tmpdir(), ADMIN_EMAIL: 'root@example.com' })).toThrow(/ADMIN_PASSWORD: is required/);
    try {
      loadConfig({ NODE_ENV: 'test', DATA_DIR: os.tmpdir(), ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'short' });
      expect.unreachable();
    } catch (error) {
      const lines = (error as { lines: string[] }).lines;
      expect(lines.join('\n')).toMatch(/ADMIN_PASSWORD: must be at least/);
      expect(lines.join('\n')).not.toContain('short"');
    }
  });
});

describe('npm run audit:verify', () => {
  it('names an edited entry and a removed one in the stored log', async () => {
    const dataDir = await newDataDir();
    const server = await start(dataDir);
    for (const name of ['ada', 'cy', 'dee']) await createVerifiedAccount({ url: server.url, dataDir }, { name, email: `${name}@example.com`, password: PASSWORD });
    await stop(server);
    for (const name of ['ada', 'cy', 'dee']) expect(admin(dataDir, 'create-owner', `${name}@example.com`).code).toBe(0);
    expect(verify(dataDir).stdout).toContain('intact: 3 entries');

    const stored = { dataDir, config: server.config };
    let restore = await tamperAuditEntry(stored, 2, (entry) => ({ ...entry, target: { id: entry.target!.id, email: 'eve@example.com' } }));
    // In process (the same check the command runs), to spare two command starts; the command's own report follows.
    expect(await verifyServerAuditLog(stored)).toMatchObject({ intact: false, seq: 2, message: expect.stringContaining('entry 2 was edited') });
    await restore();

    restore = await tamperAuditEntry(stored, 2, () => null);
    expect(await verifyServerAuditLog(stored)).toMatchObject({ intact: false, seq: 2, message: expect.stringContaining('entry 2 was removed') });
    await restore();

    restore = await tamperAuditEntry(stored, 3, () => null);
    const cut = verify(dataDir);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('entry 3 was removed from the end');

    await restore();
    expect(verify(dataDir).code).toBe(0);
  });
});
