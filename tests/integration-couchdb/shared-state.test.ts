import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { chainEntry, type AuditEntry } from '../../server/audit/chain';
import { openCouchAuditLog, verifyCouchAuditLog, type StoredEntry } from '../../server/audit/couch-log';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit/settings';
import { createCouchClient, type CouchClient } from '../../server/storage/couch/client';
import { readCouchConfig } from '../../server/storage/couch/config';
import { createCouchDatabases } from '../../server/storage/couch/databases';
import type { UserPage } from '../../shared/admin/user-directory';
import { createVerifiedAccount } from '../helpers/accounts';
import { signInAsAdmin } from '../helpers/admin-session';
import { couchEnvFor } from '../helpers/couch-mode';
import { eventually } from '../helpers/eventually';
import { readAuditEntries, readFirstOwnerMarker, verifyServerAuditLog } from '../helpers/server-records';
import type { TestServer } from '../helpers/test-server';
import { startSharedServers } from '../helpers/two-servers';

/**
 * Two server instances on one CouchDB (one database prefix, separate data
 * directories and processes' memory): what one records, the other sees. The
 * audit log stays one hash chain, ADMIN_EMAIL makes one owner, and an account
 * made through one instance shows in the other's admin console.
 */

const PASSWORD = 'Vivid-Lantern-8271';
const OWNER = 'root@example.com';
const servers: TestServer[] = [];
const clients: CouchClient[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  for (const client of clients.splice(0)) client.close();
});

async function startTwo(overrides: Parameters<typeof startSharedServers>[1] = {}): Promise<[TestServer, TestServer]> {
  const started = await startSharedServers(2, overrides, { log: () => undefined });
  servers.push(...started);
  return [started[0]!, started[1]!];
}

const login = (url: string, email: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });

describe('the audit log with two instances', () => {
  it('keeps one unbroken chain when two writers race for the same entry numbers', async () => {
    // Two logs on one database, each with its own idea of the head: every append after the other's is a 409 first.
    const env = couchEnvFor(`audit-race-${crypto.randomUUID()}`);
    const couch = readCouchConfig((name) => env[name], [])!;
    const client = createCouchClient(couch);
    clients.push(client);
    const databases = createCouchDatabases(client);
    await databases.create('audit_log');
    const [first, second] = await Promise.all([openCouchAuditLog(databases.handle('audit_log')), openCouchAuditLog(databases.handle('audit_log'))]);
    const writes = Array.from({ length: 30 }, (_, index) => [
      first.append({ action: 'role.changed', actor: { type: 'cli' }, target: { id: `first-${index}` } }),
      second.append({ action: 'role.changed', actor: { type: 'cli' }, target: { id: `second-${index}` } }),
    ]).flat();
    const written = await Promise.all(writes);
    expect(new Set(written.map((entry) => entry.seq)).size).toBe(60);
    expect(await verifyCouchAuditLog(databases.handle('audit_log'))).toMatchObject({ intact: true, count: 60, last: { seq: 60 } });
    const page = await first.query({}, { limit: 60 });
    expect(page.entries.map((entry) => entry.target?.id).sort()).toEqual(written.map((entry) => entry.target?.id).sort());

    // Cut off the end: the deleted document left behind names it.
    const newest = await databases.handle('audit_log').get(`entry:${String(60).padStart(16, '0')}`);
    await databases.handle('audit_log').remove(newest);
    expect(await verifyCouchAuditLog(databases.handle('audit_log'))).toMatchObject({ intact: false, seq: 60, problem: 'removed' });
    await databases.destroy('audit_log');
  });

  it('pages, lists and prunes the database log, and the chain still verifies from the prune point', async () => {
    const env = couchEnvFor(`audit-prune-${crypto.randomUUID()}`);
    const client = createCouchClient(readCouchConfig((name) => env[name], [])!);
    clients.push(client);
    const databases = createCouchDatabases(client);
    await databases.create('audit_log');
    const db = databases.handle<StoredEntry>('audit_log');
    // Twenty entries from 400 to 381 days ago, then five from last week, stored as the server stores them.
    let previous: AuditEntry | null = null;
    for (let index = 0; index < 25; index += 1) {
      const daysAgo = index < 20 ? 400 - index : 7;
      previous = chainEntry({ action: 'role.changed', actor: { type: 'cli' }, target: { id: `u${index}` } }, previous, new Date(Date.now() - daysAgo * 86_400_000 + index));
      await db.put({ _id: `entry:${String(previous.seq).padStart(16, '0')}`, ...previous });
    }
    const log = await openCouchAuditLog(db);
    const first = await log.query({ action: 'role.changed' }, { limit: 10 });
    expect(first.entries.map((entry) => entry.seq)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect((await log.query({}, { limit: 10, beforeSeq: first.nextBeforeSeq! })).entries[0]!.seq).toBe(15);

    expect(await log.prune(new Date(Date.now() - 365 * 86_400_000))).toBe(20);
    const kept = await log.list({}, 100);
    expect(kept.map((entry) => entry.seq)).toEqual([21, 22, 23, 24, 25, 26]);
    expect(kept.at(-1)).toMatchObject({ action: 'audit.pruned', details: { prunedThroughSeq: 20, pruned: 20 } });
    await log.append({ action: 'role.changed', actor: { type: 'cli' }, target: { id: 'after' } });
    expect(await verifyCouchAuditLog(db)).toMatchObject({ intact: true, prunedThrough: 20, count: 7, last: { seq: 27 } });
    await databases.destroy('audit_log');
  });

  it('numbers sign-ins through both servers in one chain that verifies', async () => {
    const [a, b] = await startTwo({ rateLimits: { ...DEFAULT_RATE_LIMITS, ipPerWindow: 10_000, ipFailuresPerWindow: 10_000, accountPerWindow: 10_000 } });
    // Failed sign-ins, each for another address (no account: the same user's record is not written twelve times at once).
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, index) => login(index % 2 === 0 ? a.url : b.url, `nobody-${index}@example.com`).then((response) => response.status)));
    expect(statuses).toEqual(statuses.map(() => 401));

    const entries = await readAuditEntries(a);
    expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, index) => index + 1));
    expect(entries.filter((entry) => entry.action === 'auth.sign_in_failed').map((entry) => entry.details.email).sort()).toEqual(statuses.map((_, index) => `nobody-${index}@example.com`).sort());
    expect(await verifyServerAuditLog(b)).toMatchObject({ intact: true, count: entries.length });
  });
});

describe('ADMIN_EMAIL with two instances starting at once', () => {
  it('makes exactly one owner, and both instances start', async () => {
    const [a, b] = await startTwo({ adminBootstrap: { email: OWNER, password: PASSWORD } });
    for (const server of [a, b]) expect((await (await login(server.url, OWNER)).json() as { user?: { role: string } }).user?.role).toBe('owner');
    const entries = await readAuditEntries(a);
    expect(entries.filter((entry) => entry.action === 'owner.created')).toHaveLength(1);
    expect(entries.filter((entry) => entry.action === 'owner.bootstrap_skipped')).toHaveLength(0);
    expect(await readFirstOwnerMarker(b)).toMatchObject({ outcome: 'created', email: OWNER });
  });
});

describe('the admin console with two instances', () => {
  it('lists an account registered through the other instance', async () => {
    const [a, b] = await startTwo({ adminBootstrap: { email: OWNER, password: PASSWORD } });
    const owner = await signInAsAdmin(b.url, OWNER, PASSWORD);
    const listOnB = async () => {
      const response = await fetch(`${b.url}/api/users?q=newcomer`, { headers: { authorization: `Bearer ${owner.adminToken}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as UserPage;
    };
    expect((await listOnB()).users).toEqual([]);

    const session = await createVerifiedAccount(a, { name: 'Newcomer', email: 'newcomer@example.com', password: PASSWORD });
    // Registered unverified, then verified: a creation and an update, both made on A.
    const seen = await eventually(listOnB, (page) => page.users[0]?.emailVerified === true);
    expect(seen.users).toMatchObject([{ id: session.user.id, email: 'newcomer@example.com', emailVerified: true }]);
  });
});
