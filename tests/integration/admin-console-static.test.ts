import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount } from '../helpers/accounts';
import { signInAsAdmin } from '../helpers/admin-session';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** /admin serves the built console with its own CSP; /api/admin/me tells the console who is signed in. */

const PASSWORD = 'Vivid-Lantern-8271';
let server: TestServer;
let consoleDir: string;

beforeAll(async () => {
  // A stand-in for the vite build: the server only serves what the folder holds.
  consoleDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-console-'));
  await fs.mkdir(path.join(consoleDir, 'assets'));
  await fs.writeFile(path.join(consoleDir, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/admin/assets/app-1.js"></script>');
  await fs.writeFile(path.join(consoleDir, 'assets', 'app-1.js'), 'export {};');
  server = await startTestServer({ adminBootstrap: { email: 'root@example.com', password: PASSWORD }, adminConsoleDir: consoleDir });
});
afterAll(async () => {
  await server.stop();
  await fs.rm(consoleDir, { recursive: true, force: true });
});

describe('/admin', () => {
  it('serves the page with a CSP that allows only its own scripts and styles, and data: images', async () => {
    const response = await fetch(`${server.url}/admin/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('redirects /admin to /admin/ and caches hashed assets for good', async () => {
    const redirect = await fetch(`${server.url}/admin`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/admin/');
    const asset = await fetch(`${server.url}/admin/assets/app-1.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/admin/assets/missing.js`)).status).toBe(404);
  });

  it('answers 503 with the command to run when the console is not built', async () => {
    const unbuilt = await startTestServer({ adminConsoleDir: path.join(consoleDir, 'nothing-here') });
    try {
      const response = await fetch(`${unbuilt.url}/admin/`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: 'console_not_built' } });
    } finally {
      await unbuilt.stop();
    }
  });
});

describe('GET /api/admin/me', () => {
  it('names the admin and their effective permissions, and refuses a plain user', async () => {
    const owner = await signInAsAdmin(server.url, 'root@example.com', PASSWORD);
    const me = await fetch(`${server.url}/api/admin/me`, { headers: { authorization: `Bearer ${owner.adminToken}` } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: { email: string; role: string; permissions: string[] } };
    expect(body.user).toMatchObject({ email: 'root@example.com', role: 'owner' });
    expect(body.user.permissions).toContain('audit:read');
    expect(body.user.permissions).toHaveLength(8);

    const user = await createVerifiedAccount(server, { name: 'Pat', email: 'pat@example.com', password: PASSWORD });
    const refused = await fetch(`${server.url}/api/admin/me`, { headers: { authorization: `Bearer ${user.accessToken}` } });
    expect(refused.status).toBe(403);
  });
});
