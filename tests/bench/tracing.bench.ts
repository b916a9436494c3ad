/**
 * `npm run bench:tracing`: what OpenTelemetry traces cost the built server
 * (`npm run build:server` first, which the script does). The same server is
 * started twice, without an endpoint and with one (an OTLP receiver started
 * here), and timed on BENCH_REQUESTS sequential requests each of the cheapest
 * answer (a 404 from no route: the instrumentations' cost alone) and a sync read
 * (GET /db/<db>/_changes, through the gate to the storage), over one
 * kept-alive connection, after a warm-up. Medians and 99th percentiles, with
 * the time to the first healthy answer. Not a test: prints the figures and
 * writes tests/bench/results/tracing.json.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, serverProcess } from '../chaos/server-process';
import { createVerifiedAccount } from '../helpers/accounts';
import { startOtlpReceiver } from '../helpers/otlp-receiver';
import { benchAgent, requestJson } from './server/http-client';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.join(ROOT, 'tests/bench/results/tracing.json');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARM_UP = 200;

const round = (value: number) => Math.round(value * 1000) / 1000;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

async function measure(env: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trackruit-bench-tracing-'));
  const server = serverProcess({ port: await freePort(), dataDir, built: true, env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_ACCESS_SECRET: 'a'.repeat(40), JWT_REFRESH_SECRET: 'b'.repeat(40), OTP_HMAC_SECRET: 'c'.repeat(40), ...env } });
  const startedAt = performance.now();
  await server.start();
  const startMs = performance.now() - startedAt;
  try {
    const session = await createVerifiedAccount({ url: server.url, dataDir }, { name: 'Bench', email: `bench-${Date.now()}@example.com`, password: 'Granite-falcon-4-Meadow' });
    const agent = benchAgent();
    // Neither is rate-limited this often (the auth routes are, per address).
    const routes = {
      notFound: { url: `${server.url}/api/no-such-route`, token: undefined, status: 404 },
      changes: { url: `${server.url}${new URL(session.syncUrl).pathname}_changes?since=0`, token: session.accessToken, status: 200 },
    };
    const figures: Record<string, { medianMs: number; p99Ms: number }> = {};
    for (const [name, route] of Object.entries(routes)) {
      const samples: number[] = [];
      for (let index = 0; index < WARM_UP + REQUESTS; index += 1) {
        const at = performance.now();
        const answer = await requestJson(route.url, { agent, ...(route.token ? { token: route.token } : {}), timeoutMs: 10_000 });
        if (answer.status !== route.status) throw new Error(`${name} answered ${answer.status}`);
        if (index >= WARM_UP) samples.push(performance.now() - at);
      }
      figures[name] = { medianMs: round(percentile(samples, 0.5)), p99Ms: round(percentile(samples, 0.99)) };
    }
    agent.destroy();
    return { startMs: Math.round(startMs), ...figures };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const receiver = await startOtlpReceiver();
  try {
    const off = await measure({ OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    const on = await measure({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const spans = receiver.spans().length;
    const result = { requests: REQUESTS, off, on, spansReceived: spans, loadAverage: loadavg().map((value) => Math.round(value * 10) / 10) };
    console.log(JSON.stringify(result, null, 2));
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await receiver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
