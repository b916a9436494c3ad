import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetAdminView } from '../../shared/admin/console-api';
import { RULE_LIMITS, shippedRules, type RuleSet } from '../../shared/rules';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { createVerifiedAccount } from '../helpers/accounts';
import { enrolSecondFactor, signInAsAdmin } from '../helpers/admin-session';
import { createSignedClient, type SignedClient } from '../helpers/signed-client';
import type { TestServer } from '../helpers/test-server';

/**
 * Rule sets uploaded from the admin console (/api/admin/rules): validated
 * before they are served, served to extensions at once, rolled back under a
 * new version, kept across a restart, audited, and refused without
 * rules:manage or the second factor. The server is started on a data
 * directory this file owns, so it can be stopped and started again on it.
 */

const PASSWORD = 'Vivid-Lantern-8271';
const OWNER = 'root@example.com';
let dataDir: string;
let config: ServerConfig;
let server: TestServer;
let owner: { adminToken: string };
let extension: SignedClient;

async function start(): Promise<TestServer> {
  const running = await startServer(config);
  return { url: running.url, dataDir, config: running.config, stop: () => running.stop() };
}

interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };
}

async function api(method: string, route: string, token: string | null, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Answer['json'] };
}

const view = async (): Promise<RuleSetAdminView> => {
  const answer = await api('GET', '/api/admin/rules', owner.adminToken);
  expect(answer.status).toBe(200);
  return answer.json as unknown as RuleSetAdminView;
};

/** What a signed-in extension is served now. */
async function servedToExtensions(): Promise<RuleSet> {
  const response = await extension.fetch('/api/extension/config');
  expect(response.status).toBe(200);
  return ((await response.json()) as { rules: RuleSet }).rules;
}

/** The shipped set at `version`, with a LinkedIn title selector that marks which upload it is. */
function rulesAt(version: number, titleClass: string): RuleSet {
  const rules = structuredClone(shippedRules);
  rules.version = version;
  rules.sites.linkedin.selectors.title = [`.${titleClass}`, ...rules.sites.linkedin.selectors.title];
  return rules;
}

async function auditActions(prefix: string): Promise<{ action: string; actor: { email?: string }; details: Record<string, unknown> }[]> {
  const answer = await api('GET', `/api/admin/audit?action=${encodeURIComponent(prefix)}&limit=50`, owner.adminToken);
  expect(answer.status).toBe(200);
  return (answer.json as unknown as { entries: { action: string; actor: { email?: string }; details: Record<string, unknown> }[] }).entries;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-rules-'));
  const loaded = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
  // One config (JWT secrets included) for both starts: tokens from before the restart stay valid after it.
  config = { ...loaded, port: 0, dataDir, adminBootstrap: { email: OWNER, password: PASSWORD } };
  server = await start();
  owner = await signInAsAdmin(server.url, OWNER, PASSWORD);
  extension = await createSignedClient(server, 'rules-extension');
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('/api/admin/rules', () => {
  it('shows the built-in set served when nothing was uploaded', async () => {
    const current = await view();
    expect(current).toEqual({ active: { version: String(shippedRules.version), source: 'built-in', ruleSet: shippedRules }, history: [] });
    expect(await servedToExtensions()).toEqual(shippedRules);
  });

  it('serves a valid upload to extensions at once, and audits it', async () => {
    const upload = rulesAt(shippedRules.version + 1, 'title-v4');
    const answer = await api('PUT', '/api/admin/rules', owner.adminToken, upload);
    expect(answer.status).toBe(200);
    const after = answer.json as unknown as RuleSetAdminView;
    expect(after.active).toMatchObject({ version: '4', source: 'uploaded', uploadedBy: OWNER, ruleSet: upload });
    expect(Date.parse(after.active.uploadedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(after.history).toEqual([]);
    expect(await servedToExtensions()).toEqual(upload);
    expect(await auditActions('rules.uploaded')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ email: OWNER }), details: { version: 4, previousVersion: 3 } })]);
  });

  it('refuses a set that would break detection with 400 and its errors, a too large one with 413, and changes nothing', async () => {
    const before = await view();
    const refusals = (await auditActions('rules.upload_refused')).length;

    const sameVersion = await api('PUT', '/api/admin/rules', owner.adminToken, rulesAt(4, 'title-again'));
    expect(sameVersion.status).toBe(400);
    expect(sameVersion.json.error).toMatchObject({ code: 'invalid_rule_set', fields: { version: expect.stringMatching(/must be higher than 4/) } });

    const typo = rulesAt(5, 'title-v5');
    typo.sites.linkedin.selectors.company = ['.company-name[data-x="1"'];
    typo.sites.generic.jsonLd = [];
    const broken = await api('PUT', '/api/admin/rules', owner.adminToken, typo);
    expect(broken.status).toBe(400);
    expect(broken.json.error?.fields).toEqual({
      'sites.generic.jsonLd': expect.stringMatching(/must not be empty/),
      'sites.linkedin.selectors.company.0': expect.stringMatching(/not a valid CSS selector/),
    });

    const schema = await api('PUT', '/api/admin/rules', owner.adminToken, { version: 5, sites: { linkedin: {} } });
    expect(schema.status).toBe(400);
    expect(Object.keys(schema.json.error?.fields ?? {})).toContain('sites.linkedin.hosts');

    const notJson = await api('PUT', '/api/admin/rules', owner.adminToken, '{"version": 5,');
    expect(notJson).toMatchObject({ status: 400, json: { error: { code: 'malformed_json' } } });

    // Over the rule-set limit but inside the body limit: refused by the check; over the body limit: by the parser.
    const large = { ...rulesAt(5, 'title-v5'), padding: 'x'.repeat(RULE_LIMITS.bytes) };
    expect(await api('PUT', '/api/admin/rules', owner.adminToken, large)).toMatchObject({ status: 413, json: { error: { code: 'rule_set_too_large' } } });
    const huge = { ...rulesAt(5, 'title-v5'), padding: 'x'.repeat(RULE_LIMITS.bytes * 3) };
    expect(await api('PUT', '/api/admin/rules', owner.adminToken, huge)).toMatchObject({ status: 413, json: { error: { code: 'payload_too_large' } } });

    expect(await view()).toEqual(before);
    expect((await servedToExtensions()).version).toBe(4);
    // The body parser's refusal never reaches the route; the other four are in the log.
    expect((await auditActions('rules.upload_refused')).length).toBe(refusals + 4);
  });

  it('rolls back to an earlier upload under a new, higher version, so extensions take it', async () => {
    expect((await api('PUT', '/api/admin/rules', owner.adminToken, rulesAt(5, 'title-v5'))).status).toBe(200);
    expect((await servedToExtensions()).sites.linkedin.selectors.title[0]).toBe('.title-v5');

    const rolled = await api('POST', '/api/admin/rules/rollback', owner.adminToken, { version: '4' });
    expect(rolled.status).toBe(200);
    const after = rolled.json as unknown as RuleSetAdminView;
    expect(after.active).toMatchObject({ version: '6', source: 'uploaded', uploadedBy: OWNER, ruleSet: { ...rulesAt(6, 'title-v4') } });
    expect(after.history.map((entry) => entry.version)).toEqual(['5', '4']);
    expect(await servedToExtensions()).toEqual(rulesAt(6, 'title-v4'));
    expect(await auditActions('rules.rolled_back')).toEqual([expect.objectContaining({ details: { restoredVersion: 4, version: 6, previousVersion: 5 } })]);

    expect(await api('POST', '/api/admin/rules/rollback', owner.adminToken, { version: '6' })).toMatchObject({ status: 409, json: { error: { code: 'already_served' } } });
    expect(await api('POST', '/api/admin/rules/rollback', owner.adminToken, { version: '3' })).toMatchObject({ status: 404, json: { error: { code: 'version_not_found' } } });
    expect(await api('POST', '/api/admin/rules/rollback', owner.adminToken, { version: 'latest' })).toMatchObject({ status: 400, json: { error: { fields: { version: expect.any(String) } } } });
    expect((await servedToExtensions()).version).toBe(6);
  });

  it('keeps the uploads and the served set across a restart', async () => {
    const before = await view();
    await server.stop();
    server = await start();
    extension = await createSignedClient(server, 'rules-extension-after-restart');
    expect(await view()).toEqual(before);
    expect(await servedToExtensions()).toEqual(rulesAt(6, 'title-v4'));
    // And the restored history still restores.
    const rolled = await api('POST', '/api/admin/rules/rollback', owner.adminToken, { version: 5 });
    expect(rolled.status).toBe(200);
    expect(await servedToExtensions()).toEqual(rulesAt(7, 'title-v5'));
  });

  it('takes one of two concurrent uploads of the same version, and refuses the other', async () => {
    const [a, b] = await Promise.all([
      api('PUT', '/api/admin/rules', owner.adminToken, rulesAt(8, 'title-a')),
      api('PUT', '/api/admin/rules', owner.adminToken, rulesAt(8, 'title-b')),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const winner = a.status === 200 ? 'title-a' : 'title-b';
    expect(await servedToExtensions()).toEqual(rulesAt(8, winner));
    expect((await view()).history.map((entry) => entry.version)).toEqual(['7', '6', '5', '4']);
  });

  it('refuses without rules:manage, without the second factor, and to a plain user', async () => {
    const other = await createVerifiedAccount(server, { name: 'mel', email: 'mel@example.com', password: PASSWORD });
    expect((await api('PUT', `/api/users/${other.user.id}/role`, owner.adminToken, { role: 'admin', permissions: ['ml:manage', 'users:read'] })).status).toBe(200);
    const withoutPermission = await enrolSecondFactor(server.url, other.accessToken, PASSWORD);

    const ruler = await createVerifiedAccount(server, { name: 'rue', email: 'rue@example.com', password: PASSWORD });
    expect((await api('PUT', `/api/users/${ruler.user.id}/role`, owner.adminToken, { role: 'admin', permissions: ['rules:manage'] })).status).toBe(200);
    await enrolSecondFactor(server.url, ruler.accessToken, PASSWORD);

    const user = await createVerifiedAccount(server, { name: 'ugo', email: 'ugo@example.com', password: PASSWORD });
    const before = await view();
    const upload = rulesAt(9, 'title-v9');

    for (const [token, code] of [
      [withoutPermission.adminToken, 'missing_permission'],
      // A password-only token of an admin who holds the permission: the second factor is missing.
      [ruler.accessToken, 'second_factor_required'],
      [user.accessToken, 'missing_permission'],
    ] as const) {
      expect(await api('GET', '/api/admin/rules', token)).toMatchObject({ status: 403, json: { error: { code } } });
      expect(await api('PUT', '/api/admin/rules', token, upload)).toMatchObject({ status: 403, json: { error: { code } } });
      expect(await api('POST', '/api/admin/rules/rollback', token, { version: '4' })).toMatchObject({ status: 403, json: { error: { code } } });
    }
    expect((await api('GET', '/api/admin/rules', null)).status).toBe(401);
    expect(await view()).toEqual(before);
  });
});
