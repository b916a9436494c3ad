/**
 * The CouchDB stand-in (scripts/couch-standin.ts) as a child process, on a
 * free port with its own temporary data directory and a server admin.
 *
 * - `startCouchStandin()` → `{ url, adminUrl, stop() }`: `url` has no
 *   credentials; `adminUrl` is what COUCHDB_URL takes.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LISTENING = /couch-standin listening on (http:\/\/\S+)/;

export interface CouchStandin {
  url: string;
  adminUrl: string;
  admin: { username: string; password: string };
  /** The stand-in's process (benchmarks read its CPU time). */
  pid: number;
  stop(): Promise<void>;
}

export async function startCouchStandin(options: { startTimeoutMs?: number } = {}): Promise<CouchStandin> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-couch-standin-'));
  const admin = { username: 'trackruit', password: randomBytes(18).toString('base64url') };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/couch-standin.ts'], {
    cwd: repoRoot,
    env: { ...process.env, COUCH_STANDIN_PORT: '0', COUCH_STANDIN_DATA_DIR: dataDir, COUCH_STANDIN_ADMIN: `${admin.username}:${admin.password}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`couch stand-in did not start:\n${output}`)), options.startTimeoutMs ?? 30_000);
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
        const match = LISTENING.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`couch stand-in exited during start-up:\n${output}`));
      });
    });
    const adminUrl = new URL(url);
    adminUrl.username = admin.username;
    adminUrl.password = admin.password;
    let stopped: Promise<void> | undefined;
    return {
      url,
      adminUrl: adminUrl.toString().replace(/\/$/, ''),
      admin,
      pid: child.pid!,
      stop() {
        stopped ??= (async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
          await fs.rm(dataDir, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
