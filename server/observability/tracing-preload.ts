import { createRequire } from 'node:module';
import { readEnv, readTracingConfig } from './tracing-config';
import { startTracing, type Tracing } from './tracing';

/**
 * main.ts's first import, so that it runs before anything loads express or
 * node:http: OpenTelemetry's instrumentations patch those modules as they are
 * loaded. Built on its own (dist/server/tracing-preload.js, kept outside
 * main.js by scripts/build-server.ts): inside the bundle, it would run only
 * after every package the bundle imports.
 *
 * Without OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) it loads nothing:
 * tracing.ts imports OpenTelemetry's types only, and requires its packages only when it is set.
 * A bad endpoint leaves tracing off here; config.ts reports it and the server stops.
 */

const config = readTracingConfig(readEnv(process.env));
let tracing: Tracing | null = null;
if (config) {
  tracing = startTracing(config, createRequire(import.meta.url));
}

/** Sends the buffered spans before the process exits; nothing to do when tracing is off. */
export function stopTracing(): Promise<void> {
  return tracing ? tracing.shutdown() : Promise.resolve();
}
