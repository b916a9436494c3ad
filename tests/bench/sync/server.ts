/**
 * The real sync server as a child process for the bench, so the server's work
 * runs on its own core and the clients measured in the bench process do not
 * share an event loop with it. A fresh LevelDB data directory, removed on stop.
 * The process is ./server-entry.ts: the production server plus the bench-only
 * ungated and compressed listeners on the same databases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../chaos/server-process';
import { processCpuMs } from './cpu';
import { syncUrlOnServer, type Tokens } from '../../../extension/background/account/tokens';
import { createVerifiedAccount } from '../../helpers/accounts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Where the same user databases are reached: through the gate as in production, past it, and through it compressed. */
export interface BenchEndpoints {
  gated: string;
  ungated: string;
  gatedGzip: string;
}

export interface BenchServer {
  url: string;
  endpoints: BenchEndpoints;
  /** CPU time (user + system) the server process has used so far, in ms: load on the machine does not inflate it. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  corsOrigins: string[];
  /** A data directory prepared beforehand (seeded accounts); removed on stop like a fresh one. */
  dataDir?: string;
  /** More environment for the server process (storage mode, limits). */
  env?: Record<string, string>;
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'trackruit-bench-sync-')));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  let endpoints: BenchEndpoints | undefined;
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_SYNC_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SYNC_SERVER_PROFILE}`] : []), '--import', 'tsx', 'tests/bench/sync/server-entry.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CORS_ORIGINS: options.corsOrigins.join(','),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-10_000);
  };
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    keep(chunk);
    stdout += chunk.toString();
    const line = /^BENCH_ENDPOINTS (.*)$/m.exec(stdout);
    if (line && !endpoints) endpoints = JSON.parse(line[1]!) as BenchEndpoints;
  });
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the sync server exited during start-up:\n${output}`);
    }
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) })
      .then(async (response) => {
        await response.body?.cancel();
        return response.ok;
      })
      .catch(() => false);
    if (ok && endpoints) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the sync server was not healthy within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  dataDirs.set(url, dataDir);
  return { url, endpoints: endpoints!, cpuMs: () => processCpuMs(child.pid!), stop };
}

let accounts = 0;
/** Where each bench server keeps its outbox, so registerUser can read the verification code. */
const dataDirs = new Map<string, string>();

/** A new account, so each measured run starts from its own empty database on the server. */
export async function registerUser(serverUrl: string): Promise<Tokens> {
  accounts += 1;
  const dataDir = dataDirs.get(serverUrl);
  if (!dataDir) throw new Error(`${serverUrl} was not started by startBenchServer`);
  const body = await createVerifiedAccount({ url: serverUrl, dataDir }, { email: `bench-${accounts}-${Date.now()}@example.com`, password: 'correct horse battery staple', name: `Bench ${accounts}` });
  return { serverUrl, syncUrl: syncUrlOnServer(serverUrl, body.syncUrl), accessToken: body.accessToken, refreshToken: body.refreshToken };
}

/** The document count of the user's database, as the server reports it. */
export async function serverDocCount(tokens: Tokens): Promise<number> {
  const response = await fetch(tokens.syncUrl, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
  if (!response.ok) throw new Error(`database info answered ${response.status}`);
  return ((await response.json()) as { doc_count: number }).doc_count;
}

/** The user's database URL on another of the bench server's endpoints. */
export function syncUrlAt(tokens: Tokens, base: string): string {
  const url = new URL(tokens.syncUrl);
  const at = new URL(base);
  url.protocol = at.protocol;
  url.host = at.host;
  return url.toString();
}
