import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in external ML service for the breaker tests, run as its own
 * process (`tsx tests/integration/ml-fake-service.ts`; prints its URL on the
 * first line). POST /control { mode, delayMs? } tells it how to behave:
 * "ok" answers well-formed canned results (score 42, so a test can tell them
 * from the built-in engine's), "slow" the same after delayMs, "fail" 500,
 * "garbage" JSON of the wrong shape, "not-json" HTML, "huge" 3 MB.
 * GET /calls counts the /ml calls that reached it. Every /ml call needs
 * X-API-Key equal to FAKE_API_KEY.
 */

type Mode = 'ok' | 'slow' | 'fail' | 'garbage' | 'not-json' | 'huge';

const apiKey = process.env.FAKE_API_KEY ?? '';
let mode: Mode = 'ok';
let delayMs = 0;
let calls = 0;

const MATCH = {
  algorithmVersion: 'external-1',
  taxonomyVersion: 'external-1',
  score: 42,
  band: 'poor',
  basis: 'full',
  skills: { required: [{ name: 'Python', status: 'met', evidence: 'Python' }], niceToHave: [] },
  title: { score: 0.5 },
  experience: {},
  education: {},
  location: { remote: false },
  components: [{ name: 'skills', weight: 1, score: 0.42 }],
  // Not in the contract: the server must drop it.
  internalDebug: 'model-7b',
};
const BASE_RATE = { outcomes: 0, interviews: 0, rate: 0.42, low: 0.1, high: 0.8 };
const OK: Record<string, unknown> = {
  '/ml/match': MATCH,
  '/ml/interview': { kind: 'base-rate', version: 1, probability: 0.42, baseRate: BASE_RATE, message: 'from the fake service' },
  '/ml/recommend': { recommendations: [{ id: 'fake', score: 42, band: 'poor', reasons: ['from the fake service'], missing: [] }] },
  '/ml/resume/feedback': { items: [{ kind: 'title', text: 'from the fake service', gain: 4.2 }] },
  '/ml/ats': { checkVersion: 1, items: [{ id: 'contact', status: 'pass', detail: 'from the fake service' }], counts: { pass: 1, warn: 0, fail: 0, 'not-checked': 0 } },
};

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

const server = http.createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (raw += chunk));
  req.on('end', () => {
    const path = req.url ?? '';
    if (req.method === 'POST' && path === '/control') {
      const control = JSON.parse(raw) as { mode: Mode; delayMs?: number };
      mode = control.mode;
      delayMs = control.delayMs ?? 0;
      send(res, 200, '{}');
      return;
    }
    if (req.method === 'GET' && path === '/calls') {
      send(res, 200, JSON.stringify({ calls }));
      return;
    }
    const ok = OK[path];
    if (req.method !== 'POST' || ok === undefined) {
      send(res, 404, '{}');
      return;
    }
    calls += 1;
    if (req.headers['x-api-key'] !== apiKey) {
      send(res, 401, '{"error":{"code":"invalid_api_key","message":"no"}}');
      return;
    }
    if (mode === 'fail') send(res, 500, '{"error":{"code":"internal_error","message":"boom"}}');
    else if (mode === 'garbage') send(res, 200, JSON.stringify({ score: 'high', band: 'excellent', kind: 'model' }));
    else if (mode === 'not-json') send(res, 200, '<html>Bad gateway</html>', 'text/html');
    else if (mode === 'huge') send(res, 200, JSON.stringify({ ...MATCH, padding: 'x'.repeat(3 * 1024 * 1024) }));
    else if (mode === 'slow') setTimeout(() => send(res, 200, JSON.stringify(ok)), delayMs).unref();
    else send(res, 200, JSON.stringify(ok));
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
