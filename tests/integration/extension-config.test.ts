import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseRuleSet, shippedRules, type RuleSet } from '../../shared/rules';
import { createSignedClient, type SignedClient } from '../helpers/signed-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer | undefined;
/** What the test server logs through its `log(message, error?)`, read by the tests. */
const logged = vi.fn<(message: string, error?: unknown) => void>();

beforeEach(() => {
  logged.mockClear();
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function rulesFile(s: TestServer): string {
  return path.join(s.dataDir, 'extension-rules.json');
}

/** A copy of the shipped set with a later version and a renamed LinkedIn title selector. */
function newerRules(bump: number, titleSelector = '.renamed-job-title'): RuleSet {
  const rules = structuredClone(shippedRules);
  rules.version = shippedRules.version + bump;
  rules.sites.linkedin.selectors.title = [titleSelector, ...rules.sites.linkedin.selectors.title];
  return rules;
}

let tick = 0;
/** Writes the file with a distinct mtime, so a rewrite within one clock tick is still seen. */
async function writeRules(file: string, content: unknown) {
  await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  tick += 1;
  const at = new Date(Date.now() + tick * 1000);
  await fs.utimes(file, at, at);
}

// The rules are served to signed-in extensions only, over device-signed requests.
const clients = new WeakMap<TestServer, Promise<SignedClient>>();

async function getConfig(s: TestServer, headers: Record<string, string> = {}) {
  if (!clients.has(s)) clients.set(s, createSignedClient(s));
  const response = await (await clients.get(s)!).fetch('/api/extension/config', { headers });
  const text = await response.text();
  return { response, text, body: text ? (JSON.parse(text) as { rules: RuleSet }) : undefined };
}

function loggedText(): string {
  return logged.mock.calls.map((call: unknown[]) => call.map(String).join(' ')).join('\n');
}

describe('GET /api/extension/config', () => {
  it('serves the shipped rules by default, with caching headers', async () => {
    server = await startTestServer({}, { log: logged });
    const { response, body } = await getConfig(server, { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(response.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(body).toEqual({ rules: shippedRules });
    expect(loggedText()).toBe('');
  });

  it('serves a newer valid operator file, and follows it when it changes', async () => {
    server = await startTestServer({}, { log: logged });
    await writeRules(rulesFile(server), newerRules(1));
    const first = await getConfig(server);
    expect(first.body?.rules.version).toBe(shippedRules.version + 1);
    expect(first.body?.rules.sites.linkedin.selectors.title[0]).toBe('.renamed-job-title');

    await writeRules(rulesFile(server), newerRules(2, '.renamed-again'));
    const second = await getConfig(server);
    expect(second.body?.rules.version).toBe(shippedRules.version + 2);
    expect(second.body?.rules.sites.linkedin.selectors.title[0]).toBe('.renamed-again');
    expect(second.response.headers.get('etag')).not.toBe(first.response.headers.get('etag'));

    // Removing the file falls back to the shipped set.
    await fs.rm(rulesFile(server));
    expect((await getConfig(server)).body).toEqual({ rules: shippedRules });
  });

  it('reads the file named by EXTENSION_RULES_FILE at start-up', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-rules-'));
    try {
      const file = path.join(dir, 'rules.json');
      await writeRules(file, newerRules(3));
      server = await startTestServer({ extensionRulesFile: file }, { log: logged });
      expect((await getConfig(server)).body?.rules.version).toBe(shippedRules.version + 3);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the shipped set when the file is not newer', async () => {
    server = await startTestServer({}, { log: logged });
    await writeRules(rulesFile(server), newerRules(0));
    const { body } = await getConfig(server);
    expect(body).toEqual({ rules: shippedRules });
  });

  it('ignores an invalid file, logs why once, and never serves it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-rules-'));
    try {
      const file = path.join(dir, 'rules.json');
      const invalid = newerRules(5, 'li:has(.job-title)');
      await writeRules(file, invalid);
      server = await startTestServer({ extensionRulesFile: file }, { log: logged });
      // Reported at start-up, with the validation errors.
      expect(loggedText()).toContain(`EXTENSION_RULES_FILE: ${file} is not a valid rule set and is ignored`);
      expect(loggedText()).toContain(':has()');

      const { response, body, text } = await getConfig(server);
      expect(response.status).toBe(200);
      expect(body).toEqual({ rules: shippedRules });
      expect(text).not.toContain('li:has(.job-title)');
      await getConfig(server);
      expect(logged).toHaveBeenCalledTimes(1);

      await writeRules(file, '{ "version": ');
      expect((await getConfig(server)).body).toEqual({ rules: shippedRules });
      expect(loggedText()).toContain('is not readable JSON and is ignored');

      // Fixing the file takes effect without a restart.
      await writeRules(file, newerRules(6));
      expect((await getConfig(server)).body?.rules.version).toBe(shippedRules.version + 6);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('serves an operator file written in the older rule format, upgraded, and tells the operator once', async () => {
    server = await startTestServer({}, { log: logged });
    const old = newerRules(1, '.operator-title') as unknown as { sites: { linkedin: Record<string, unknown> & { selectors: Record<string, unknown> }; generic: Record<string, unknown> } };
    delete old.sites.linkedin.selectors.topCardRoots;
    delete old.sites.generic.botChecks;
    old.sites.linkedin.recentAppliedMinutes = 5;
    await writeRules(rulesFile(server), old);

    const { body, text } = await getConfig(server);
    expect(body?.rules.version).toBe(shippedRules.version + 1);
    expect(body?.rules.sites.linkedin.selectors.title[0]).toBe('.operator-title');
    expect(body?.rules.sites.linkedin.selectors.topCardRoots).toEqual(shippedRules.sites.linkedin.selectors.topCardRoots);
    expect(body?.rules.sites.generic.botChecks).toEqual(shippedRules.sites.generic.botChecks);
    expect(text).not.toContain('recentAppliedMinutes');
    expect(parseRuleSet(body?.rules)).toEqual({ ok: true, rules: body?.rules });
    await getConfig(server);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(loggedText()).toContain('taken from the built-in set: sites.linkedin.selectors.topCardRoots, sites.generic.botChecks');
  });

  it('answers 304 to a matching If-None-Match, and 200 once the rules change', async () => {
    server = await startTestServer({}, { log: logged });
    const first = await getConfig(server);
    const etag = first.response.headers.get('etag') ?? '';

    const cached = await getConfig(server, { 'if-none-match': etag });
    expect(cached.response.status).toBe(304);
    expect(cached.text).toBe('');
    expect(cached.response.headers.get('etag')).toBe(etag);
    expect(cached.response.headers.get('cache-control')).toBe('public, max-age=300');

    expect((await getConfig(server, { 'if-none-match': `"other", W/${etag}` })).response.status).toBe(304);
    expect((await getConfig(server, { 'if-none-match': '"something-else"' })).response.status).toBe(200);

    await writeRules(rulesFile(server), newerRules(1));
    const changed = await getConfig(server, { 'if-none-match': etag });
    expect(changed.response.status).toBe(200);
    expect(changed.body?.rules.version).toBe(shippedRules.version + 1);
  });
});
