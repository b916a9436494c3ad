// First: with an OTLP endpoint set, tracing must patch express and node:http before anything loads them.
import { stopTracing } from './observability/tracing-preload';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { startServer } from './http-server';
import { CouchUnavailableError } from './storage/couch/index';
import { createLogger } from './observability/logger';

/**
 * Entry point: `npm run server` / `npx tsx server/main.ts`, or built, `node dist/server/main.js`
 * (`npm run start:prod`). Configuration: see CONFIG_VARIABLES in config.ts.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error('TrackRuit server: invalid configuration');
      for (const line of error.lines) console.error(`  ${line}`);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger(config.logLevel);
  // In production every line is JSON for the log shipper; elsewhere the start-up text is for a person.
  const production = config.nodeEnv === 'production';
  const say = production ? (message: string) => logger.info(message) : (message: string) => console.log(message);
  const complain = production ? (message: string, error?: unknown) => logger.error({ err: error }, message) : (message: string, error?: unknown) => console.error(message, error ?? '');

  let running;
  try {
    running = await startServer(config, { logger });
  } catch (error) {
    if (error instanceof CouchUnavailableError) {
      console.error(`TrackRuit server: ${error.message}`);
      process.exit(1);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      complain(`TrackRuit server: ${config.host}:${config.port} is already in use; set PORT to a free port`);
      process.exit(1);
    }
    throw error;
  }
  const { publicUrl, dataDir } = running.config;
  if (production) {
    logger.info({ url: running.url, publicUrl, dataDir, ...(running.config.couchdb ? { couchdb: running.config.couchdb.url } : {}) }, 'TrackRuit sync server listening');
  } else {
    printBanner(running.url, running.config);
  }

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say(`${signal} received, shutting down`);
    // A hung close must not keep the process alive forever.
    setTimeout(() => {
      complain('Shutdown timed out');
      process.exit(1);
    }, 10_000).unref();
    // Spans still buffered go out last, so the shutdown's own requests are in them.
    running.stop().then(stopTracing).then(
      () => process.exit(0),
      (error: unknown) => {
        complain('Error during shutdown', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

function printBanner(url: string, { nodeEnv, publicUrl, dataDir, secretsFile, smtpUrl, couchdb }: ServerConfig): void {
  console.log(`TrackRuit sync server listening on ${url} (${nodeEnv})`);
  console.log(`Server URL:     ${publicUrl}`);
  console.log(`Data directory: ${dataDir}`);
  if (couchdb) console.log(`Databases:      CouchDB at ${couchdb.url} (database names start with ${couchdb.prefix})`);
  if (secretsFile) console.log(`Secrets:        generated, kept in ${secretsFile} (set JWT_ACCESS_SECRET/JWT_REFRESH_SECRET/OTP_HMAC_SECRET in production)`);
  console.log('');
  console.log(`Load the extension: open chrome://extensions, enable Developer mode, Load unpacked → ${path.join(repoRoot, '.output', 'chrome-mv3')}`);
  console.log(`Open the TrackRuit popup, set the server URL to ${publicUrl}, and create an account`);
  if (!smtpUrl) {
    console.log(`No SMTP_URL: the 6-digit sign-up code is printed below when you register, and every mail is kept in ${path.join(dataDir, 'outbox')}`);
  }
}

main().catch((error: unknown) => {
  console.error('TrackRuit server failed to start:', error);
  process.exit(1);
});
