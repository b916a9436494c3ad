import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../server/config-error';
import { createMlCache } from '../server/ml/cache/create';
import { createMlEngine } from '../server/ml/engine';
import { ML_LIST_BODY_LIMIT_BYTES } from '../server/ml/handlers';
import { createMlPool } from '../server/ml/pool';
import { createMlServiceApp } from '../server/ml/service/app';
import { loadMlServiceConfig, ML_SERVICE_VARIABLES } from '../server/ml/service/config';

/** `npm run ml-service`: the built-in ML engine as a service (server/ml/service/app.ts). */

let config;
try {
  config = loadMlServiceConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error('TrackRuit ML service: invalid configuration');
  for (const line of error.lines) console.error(`  ${line}`);
  console.error('Variables:');
  for (const v of ML_SERVICE_VARIABLES) console.error(`  ${v.name}: ${v.description}`);
  process.exit(1);
}

const log = (message: string, error?: unknown) => console.error(message, error ?? '');
const engine = createMlEngine({ pool: createMlPool(), cache: createMlCache({ redisUrl: config.redisUrl, log }) });
const server = http.createServer(createMlServiceApp({ apiKey: config.apiKey, engine, bodyLimitBytes: ML_LIST_BODY_LIMIT_BYTES, log }));
server.once('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `TrackRuit ML service: ${config.host}:${config.port} is already in use; set ML_SERVICE_PORT to a free port` : `TrackRuit ML service failed to start: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`TrackRuit ML service listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`);
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, shutting down`);
  setTimeout(() => process.exit(1), 10_000).unref();
  server.closeAllConnections();
  server.close(() => {
    engine.close().then(() => process.exit(0), () => process.exit(1));
  });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
