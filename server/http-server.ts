import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type CreateAppOptions } from './app';
import type { ServerConfig } from './config';

export interface RunningServer {
  /** Base URL the server answers on, without a trailing slash. */
  url: string;
  config: ServerConfig;
  server: http.Server;
  /** Stops accepting connections, ends open ones (longpolls), then closes the databases. */
  stop(): Promise<void>;
}

/**
 * Binds first and builds the app second, so that with PORT=0 the default
 * PUBLIC_URL (and with it every syncUrl) names the port actually bound.
 */
export async function startServer(config: ServerConfig, options: CreateAppOptions = {}): Promise<RunningServer> {
  // Requests that arrive between bind and app would otherwise never be answered, and a
  // replication client without a timeout would wait on them for minutes.
  const starting = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end(JSON.stringify({ error: { code: 'starting', message: 'The server is starting; try again in a moment' } }));
  };
  const server = http.createServer(starting);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const localUrl = `http://${hostForUrl === '0.0.0.0' || hostForUrl === '[::]' ? 'localhost' : hostForUrl}:${port}`;
  const effective: ServerConfig = {
    ...config,
    port,
    publicUrl: config.publicUrlExplicit || config.port !== 0 ? config.publicUrl : localUrl,
  };

  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(effective, options);
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  server.off('request', starting);
  server.on('request', app.app);

  let stopping: Promise<void> | undefined;
  return {
    url: localUrl,
    config: effective,
    server,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise((resolve) => server.close(resolve));
        // Longpoll _changes requests would otherwise hold close() open for up to a minute.
        server.closeAllConnections();
        await closed;
        await app.close();
      })();
      return stopping;
    },
  };
}
