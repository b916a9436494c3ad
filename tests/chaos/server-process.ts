/**
 * The real sync server as a child process (`node --import tsx server/main.ts`,
 * or with `built`, the output of `npm run build:server`; one process, so
 * SIGKILL really kills the server and nothing survives it), restartable on the
 * same port and data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { couchEnvFor } from '../helpers/couch-mode';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  /** Starts the server and waits until /health answers. */
  start(): Promise<void>;
  /** SIGKILL, then waits for the process to be gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), falling back to SIGKILL. */
  stop(): Promise<void>;
  /** Recent output, for failure messages. */
  log(): string;
}

export interface ServerProcessOptions {
  port: number;
  dataDir: string;
  startTimeoutMs?: number;
  /** Run dist/server/main.js (built beforehand) with plain node instead of the sources under tsx. */
  built?: boolean;
  /** More environment variables (NODE_ENV defaults to test). */
  env?: Record<string, string>;
  /** Where the server runs (its dist/, package.json and node_modules); the repository by default. */
  cwd?: string;
  /** Characters of output kept for log() (the most recent); 20,000 by default. */
  outputLimit?: number;
  /**
   * In COUCHDB_URL mode, the data directory whose database prefix this server uses (dataDir's by
   * default): instances of one deployment, each on a disk of its own, share one set of databases.
   */
  couchDataDir?: string;
}

export function serverProcess(options: ServerProcessOptions): ServerProcess {
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | undefined;
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-(options.outputLimit ?? 20_000));
  };

  const exited = (proc: ChildProcess) =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  async function healthy(): Promise<boolean> {
    try {
      // A short timeout per attempt: the server binds before its routes exist, and a request
      // that arrives in between is never answered.
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  return {
    url,
    async start() {
      if (child) throw new Error('server already running');
      const proc = spawn(process.execPath, options.built ? ['dist/server/main.js'] : ['--import', 'tsx', 'server/main.ts'], {
        cwd: options.cwd ?? repoRoot,
        env: { ...process.env, NODE_ENV: 'test', ...options.env, PORT: String(options.port), HOST: '127.0.0.1', DATA_DIR: options.dataDir, ...couchEnvFor(options.couchDataDir ?? options.dataDir) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      proc.stdout?.on('data', append);
      proc.stderr?.on('data', append);
      proc.once('exit', (code, signal) => {
        append(Buffer.from(`\n[server exited code=${code} signal=${signal}]\n`));
        if (child === proc) child = undefined;
      });
      const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
      while (!(await healthy())) {
        if (child !== proc) throw new Error(`server exited during start-up:\n${output}`);
        if (Date.now() > deadline) throw new Error(`server not healthy within the start timeout:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async kill() {
      const proc = child;
      if (!proc) return;
      proc.kill('SIGKILL');
      await exited(proc);
    },
    async stop() {
      const proc = child;
      if (!proc) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited(proc);
      clearTimeout(timer);
    },
    log: () => output,
  };
}
