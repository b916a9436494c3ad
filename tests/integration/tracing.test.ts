/**
 * OpenTelemetry traces from the built server (`npm run build:server`, then
 * plain `node dist/server/main.js`), sent to a real OTLP/HTTP receiver started
 * here: spans named by route with their status codes and the service name,
 * express's spans under the request's, the caller's trace continued; and in
 * none of what was sent a password, code, token, query-string secret or request
 * body. Without an endpoint, no OpenTelemetry SDK module is even loaded.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACING_PACKAGES } from '../../server/observability/tracing';
import { freePort, serverProcess, type ServerProcess } from '../chaos/server-process';
import { plainJobFields } from '../fixtures/jobs';
import { readLatestCode } from '../helpers/accounts';
import { testCouchUrl } from '../helpers/couch-mode';
import { SPAN_KIND, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'Tundra-heron-5-copper-Vale';
// Markers that could only reach a span through a body, a query string or an error message.
const BODY_MARKER = 'Pumpernickel-ocelot-cartography';
const QUERY_SECRET = crypto.randomBytes(18).toString('base64url');
const OIDC_CODE = crypto.randomBytes(18).toString('base64url');
const ML_API_KEY = crypto.randomBytes(24).toString('base64url');
const RESUME_MARKER = 'Velvet-anteater orchestration';

let appDir: string;
const dataDirs: string[] = [];
const servers: ServerProcess[] = [];
let receiver: OtlpReceiver;

/** The server built the way build:server builds it, in a directory of its own (this repository's dist is left alone). */
async function buildServer(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-traced-'));
  for (const source of ['package.json', 'server', 'shared', 'scripts/build-server.ts']) await fs.cp(path.join(repoRoot, source), path.join(dir, source), { recursive: true });
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts'], { cwd: dir });
  return dir;
}

/** The built server by default; `sources` runs server/main.ts under tsx, as `npm run server` does. */
async function builtServer(env: Record<string, string>, outputLimit?: number, sources = false): Promise<ServerProcess & { dataDir: string }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-traced-data-'));
  dataDirs.push(dataDir);
  const server = serverProcess({ port: await freePort(), dataDir, ...(sources ? {} : { cwd: appDir, built: true }), env, ...(outputLimit ? { outputLimit } : {}) });
  servers.push(server);
  await server.start();
  return Object.assign(server, { dataDir });
}

function post(server: ServerProcess, urlPath: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${urlPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

beforeAll(async () => {
  [appDir, receiver] = await Promise.all([buildServer(), startOtlpReceiver()]);
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await receiver?.close();
  for (const dir of [...dataDirs, ...(appDir ? [appDir] : [])]) await fs.rm(dir, { recursive: true, force: true });
});

describe('traces', () => {
  it('are sent over OTLP/HTTP with route names, status codes and the service name, parented, and without a secret', async () => {
    const server = await builtServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: '', OTEL_BSP_SCHEDULE_DELAY: '100',
      // The receiver stands in for the external ML service too: its answer does not fit the contract,
      // so the server answers with its built-in engine, after a traced fetch.
      ML_SERVICE_URL: receiver.url, ML_SERVICE_API_KEY: ML_API_KEY,
    });
    const email = `traced-${Date.now()}@example.com`;

    expect((await post(server, '/api/auth/register', { email, password: PASSWORD, name: 'Traced' })).status).toBe(202);
    const code = await readLatestCode(server.dataDir, email);
    const verified = await post(server, '/api/auth/verify-otp', { email, code, password: PASSWORD });
    expect(verified.status).toBe(200);
    const first = (await verified.json()) as { accessToken: string; refreshToken: string; syncUrl: string };
    // The caller's trace (W3C traceparent) is continued, as a proxy or the extension would start one.
    const callerTrace = crypto.randomBytes(16).toString('hex');
    const callerSpan = crypto.randomBytes(8).toString('hex');
    const login = await post(server, '/api/auth/login', { email, password: PASSWORD }, { traceparent: `00-${callerTrace}-${callerSpan}-01` });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { accessToken: string; refreshToken: string };

    const auth = { authorization: `Bearer ${session.accessToken}` };
    const dbPath = new URL(first.syncUrl).pathname;
    expect((await post(server, `${dbPath}_bulk_docs`, { docs: [{ _id: 'manual:traced', ...plainJobFields() }] }, auth)).status).toBe(201);
    const changes = await fetch(`${server.url}${dbPath}_changes?since=0&style=all_docs`, { headers: auth });
    expect(changes.status).toBe(200);
    expect(((await changes.json()) as { results: { id: string }[] }).results.map((row) => row.id)).toContain('manual:traced');

    const match = await post(server, '/api/ml/match', {
      resume: { text: `${RESUME_MARKER}: built pipelines in Python and SQL on AWS.`, title: 'Data Engineer' },
      job: { title: 'Data Engineer', description: 'Requirements: Python, SQL, AWS.' },
    }, auth);
    expect(match.status).toBe(200);

    // Requests that fail, carrying secrets where a span could pick them up: a body the JSON parser
    // quotes in its error, a wrong password, secrets in query strings, a bad token.
    expect((await post(server, '/api/auth/login', `{"email":"${email}","password":"${BODY_MARKER}`)).status).toBe(400);
    expect((await post(server, '/api/auth/login', { email, password: `${BODY_MARKER}-wrong` })).status).toBe(401);
    expect((await fetch(`${server.url}/api/mail/weekly-summary/unsubscribe?u=${encodeURIComponent(email)}&s=${QUERY_SECRET}`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/auth/google/callback?code=${OIDC_CODE}&state=${QUERY_SECRET}`)).status).toBe(404);
    expect((await fetch(`${server.url}${dbPath}_changes`, { headers: { authorization: `Bearer ${first.refreshToken}` } })).status).toBe(401);

    // Stopped first: the spans still buffered are sent at shutdown.
    await server.stop();
    const traceRequests = receiver.requests.filter((request) => request.path !== '/ml/match');
    expect(receiver.requests.filter((request) => request.path === '/ml/match')).toHaveLength(1);
    const spans = receiver.spans();
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const serverSpans = spans.filter((span) => span.kind === SPAN_KIND.server);
    const summary = (list: ReceivedSpan[]) => list.map((span) => `${span.name} ${String(span.attributes['http.response.status_code'])}`);

    for (const request of traceRequests) expect([request.method, request.path, request.contentType]).toEqual(['POST', '/v1/traces', 'application/json']);
    for (const span of spans) expect(span.resource['service.name']).toBe('trackruit-server');
    expect(summary(serverSpans)).toEqual(expect.arrayContaining([
      'POST /api/auth/register 202',
      'POST /api/auth/verify-otp 200',
      'POST /api/auth/login 200',
      'POST /api/auth/login 401',
      'GET /api/mail/weekly-summary/unsubscribe 400',
      `POST /db/:db/_bulk_docs 201`,
      `GET /db/:db/_changes 200`,
    ]));
    // The malformed body is refused by the JSON parser before any route: named by the router it reached.
    expect(serverSpans.find((span) => span.attributes['url.path'] === '/api/auth/login' && span.attributes['http.response.status_code'] === 400)?.name).toMatch(/^POST \/api\/auth/);
    expect(serverSpans.filter((span) => span.attributes['url.path'] === `${dbPath}_changes`).map((span) => span.attributes['http.response.status_code'])).toEqual(expect.arrayContaining([200, 401]));
    // Probes are not traced.
    expect(serverSpans.filter((span) => String(span.attributes['url.path']).startsWith('/health'))).toEqual([]);

    // Each request is one trace: express's spans sit under the request's span.
    const loginSpan = serverSpans.find((span) => span.name === 'POST /api/auth/login' && span.attributes['http.response.status_code'] === 200)!;
    expect([loginSpan.traceId, loginSpan.parentSpanId]).toEqual([callerTrace, callerSpan]);
    const handler = spans.find((span) => span.name === 'request handler - /api/auth/login' && span.traceId === callerTrace);
    expect(handler?.parentSpanId).toBe(loginSpan.spanId);
    for (const span of spans.filter((s) => s.scope === '@opentelemetry/instrumentation-express')) {
      let root = span;
      while (root.parentSpanId && byId.has(root.parentSpanId)) root = byId.get(root.parentSpanId)!;
      expect(root.kind, `${span.name} has no request span above it`).toBe(SPAN_KIND.server);
    }
    // With CouchDB, the sync request's own calls to it are spans of the same trace.
    const changesSpan = serverSpans.find((span) => span.name === 'GET /db/:db/_changes' && span.attributes['http.response.status_code'] === 200)!;
    const outgoing = spans.filter((span) => span.kind === SPAN_KIND.client && span.traceId === changesSpan.traceId);
    if (testCouchUrl()) expect(outgoing.length).toBeGreaterThan(0);
    else expect(outgoing).toEqual([]);

    // The call to the ML service, from within the request that needed it.
    const mlSpan = serverSpans.find((span) => span.name === 'POST /api/ml/match')!;
    const mlCall = spans.find((span) => span.kind === SPAN_KIND.client && span.attributes['url.full'] === `${receiver.url}/ml/match`);
    expect(mlCall?.traceId).toBe(mlSpan.traceId);
    // Under the ML task's own span, which names the engine that answered in the end (the built-in one).
    const mlTask = spans.find((span) => span.name === 'ml match');
    expect(mlTask?.traceId).toBe(mlSpan.traceId);
    expect(mlCall?.parentSpanId).toBe(mlTask?.spanId);
    expect(mlTask?.attributes['trackruit.ml.engine']).toMatch(/^(server|offline)$/);
    expect(mlCall?.attributes['http.response.status_code']).toBe(200);
    // Who called is not kept (the logs do not keep it either).
    for (const span of serverSpans) expect([span.attributes['client.address'], span.attributes['network.peer.address']]).toEqual([undefined, undefined]);

    // Query values are redacted, their names kept.
    expect(serverSpans.find((span) => span.name === 'GET /api/mail/weekly-summary/unsubscribe')?.attributes['url.query']).toBe('u=REDACTED&s=REDACTED');

    const sent = traceRequests.map((request) => request.body).join('\n');
    const secrets = [PASSWORD, BODY_MARKER, QUERY_SECRET, OIDC_CODE, ML_API_KEY, RESUME_MARKER, code, email, first.accessToken, first.refreshToken, session.accessToken, session.refreshToken];
    // The server's own CouchDB credential, in the URL of every call it makes to CouchDB.
    const couch = testCouchUrl();
    if (couch) secrets.push(decodeURIComponent(new URL(couch).password), Buffer.from(`${decodeURIComponent(new URL(couch).username)}:${decodeURIComponent(new URL(couch).password)}`).toString('base64'));
    for (const secret of secrets) expect(sent).not.toContain(secret);
    for (const token of [first.accessToken, first.refreshToken, session.accessToken, session.refreshToken]) expect(sent).not.toContain(token.split('.')[2]!);
    expect(sent).not.toMatch(/authorization|Bearer /i);
  });

  it('are sent by the sources run under tsx too', async () => {
    const own = await startOtlpReceiver();
    try {
      const server = await builtServer({ OTEL_EXPORTER_OTLP_ENDPOINT: own.url, OTEL_SERVICE_NAME: 'trackruit-dev' }, undefined, true);
      expect((await fetch(`${server.url}/api/auth/providers`)).status).toBe(200);
      await server.stop();
      const spans = own.spans();
      const request = spans.find((span) => span.kind === SPAN_KIND.server && span.name === 'GET /api/auth/providers');
      expect(request?.resource['service.name']).toBe('trackruit-dev');
      expect(spans.find((span) => span.name === 'request handler - /api/auth/providers')?.parentSpanId).toBe(request?.spanId);
    } finally {
      await own.close();
    }
  });

  it('do not hold up the server\'s stop when the collector never answers', async () => {
    // Accepts connections and never answers: a collector that hangs.
    const sockets = new Set<net.Socket>();
    const hanging = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const server = await builtServer({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(hanging.address() as net.AddressInfo).port}` });
      expect((await fetch(`${server.url}/api/auth/providers`)).status).toBe(200);
      await server.stop();
      // The server's own shutdown limit (10 s) exits with 1 and "Shutdown timed out"; the spans' flush gives up first.
      expect(server.log()).toContain('[server exited code=0 signal=null]');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('that a collector refuses are logged, once', async () => {
    const refusing = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"refused by this collector"}'));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const server = await builtServer({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(refusing.address() as net.AddressInfo).port}`, OTEL_BSP_SCHEDULE_DELAY: '100' }, Infinity);
      for (let index = 0; index < 3; index += 1) {
        expect((await fetch(`${server.url}/api/auth/providers`)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await server.stop();
      const complaints = server.log().split('\n').filter((line) => line.includes('OpenTelemetry: traces could not be sent'));
      expect(complaints).toHaveLength(1);
      // What went wrong, not the SDK's stack.
      expect(JSON.parse(complaints[0]!)).toMatchObject({ level: 'warn', detail: expect.stringMatching(/Bad Request/) as unknown });
      expect(complaints[0]).not.toContain('node_modules');
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('are off without an endpoint: no OpenTelemetry SDK module is loaded', async () => {
    // Node's own trace of every module it loads (require and import), on standard error.
    const server = await builtServer({ OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '', NODE_DEBUG: 'module,esm' }, Infinity);
    expect((await post(server, '/api/auth/login', { email: 'nobody@example.com', password: PASSWORD })).status).toBe(401);
    await server.stop();
    const loaded = server.log();
    // The trace sees packages loaded both ways: express through import, @redis/client's require of
    // @opentelemetry/api (the bare API, which does nothing without an SDK; Redis's client loads it on its own).
    expect(loaded).toMatch(/node_modules\/express\/index\.js/);
    expect(loaded).toMatch(/node_modules\/@opentelemetry\/api\//);
    expect(loaded.match(/node_modules\/@opentelemetry\/(?!api\/)[a-z-]+/g) ?? []).toEqual([]);
  });

  it('loads only packages the production image installs', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // Required at run time (tracing.ts), so esbuild's list of imports (externals.json) cannot show them.
    for (const name of TRACING_PACKAGES) expect(pkg.dependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
