import { spawn } from 'node:child_process';
import net from 'node:net';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A throw-away redis-server (Debian's package; .ci/run installs it) on a free
 * port, or on `port` to bring one back where a stopped one was; nothing saved
 * to disk; listening when this resolves.
 */
export async function startRedis(port?: number): Promise<TestRedis & { port: number }> {
  port ??= await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; ; attempt += 1) {
    const listening = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (listening) return { url: `redis://127.0.0.1:${port}`, port, stop };
    if (attempt > 100 || child.exitCode !== null) {
      await stop();
      throw new Error('redis-server did not start (is the redis-server package installed?)');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
