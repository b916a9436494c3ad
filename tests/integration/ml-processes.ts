import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Processes the ML integration tests talk to over HTTP: the fake external
 * service (ml-fake-service.ts) and the real `npm run ml-service`. Each is
 * started in its own process group, so stopping it also stops what npm and
 * tsx start beneath it.
 */

export interface TestProcess {
  url: string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Starts `command` and resolves with the first http:// URL it prints (its listening address). */
function startPrinting(command: string, args: string[], env: Record<string, string>): Promise<TestProcess> {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await exited;
  };
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${args.join(' ')} printed no URL within 60 s:\n${output}`));
    }, 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /http:\/\/[\w.:[\]-]+/.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        child.stdout.off('data', read);
        resolve({ url, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before listening:\n${output}`));
    });
  });
}

export function startFakeMlService(apiKey: string): Promise<TestProcess & { control(mode: string, delayMs?: number): Promise<void>; calls(): Promise<number> }> {
  return startPrinting(process.execPath, ['--import', 'tsx', 'tests/integration/ml-fake-service.ts'], { FAKE_API_KEY: apiKey }).then((p) => ({
    ...p,
    async control(mode: string, delayMs?: number) {
      const res = await fetch(`${p.url}/control`, { method: 'POST', body: JSON.stringify({ mode, delayMs }) });
      if (!res.ok) throw new Error(`fake service control answered ${res.status}`);
    },
    async calls() {
      return ((await (await fetch(`${p.url}/calls`)).json()) as { calls: number }).calls;
    },
  }));
}

/** The real ML service, as an operator starts it. */
export function startMlService(apiKey: string, env: Record<string, string> = {}): Promise<TestProcess> {
  return startPrinting('npm', ['run', '--silent', 'ml-service'], { ML_SERVICE_PORT: '0', ML_SERVICE_API_KEY: apiKey, ...env });
}
