import { syncBuiltinESMExports } from 'node:module';
import type * as Api from '@opentelemetry/api';
import type * as ExporterModule from '@opentelemetry/exporter-trace-otlp-http';
import type * as InstrumentationModule from '@opentelemetry/instrumentation';
import type * as ExpressModule from '@opentelemetry/instrumentation-express';
import type * as HttpModule from '@opentelemetry/instrumentation-http';
import type * as UndiciModule from '@opentelemetry/instrumentation-undici';
import type * as ResourcesModule from '@opentelemetry/resources';
import type * as SdkModule from '@opentelemetry/sdk-trace-node';
import { SERVER_VERSION } from '../version';
import { createLogger } from './logger';
import { syncRoute } from './sync-operation';
import { redactSpan, type RedactableSpan } from './trace-redaction';
import type { TracingConfig } from './tracing-config';

/**
 * OpenTelemetry tracing with the official SDK and instrumentations: a span per
 * HTTP request named by its express route, spans for express's routers and
 * handlers, and for the server's own outgoing calls (CouchDB over node:http,
 * the external ML service over fetch), exported in batches over OTLP/HTTP (JSON).
 *
 * Loaded only when an endpoint is configured, and through `require` (given by
 * tracing-preload.ts): the instrumentations patch modules as `require` loads
 * them, so express and node:http are required here, patched, before the
 * server's own `import`s reach them; Node hands those imports the same,
 * already-patched module objects.
 */

export interface Tracing {
  /** Sends the spans still buffered; the process exits next. */
  shutdown(): Promise<void>;
}

/** The packages loaded here, all production dependencies (the built server's image has no others). */
export const TRACING_PACKAGES = [
  '@opentelemetry/api',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/instrumentation',
  '@opentelemetry/instrumentation-express',
  '@opentelemetry/instrumentation-http',
  '@opentelemetry/instrumentation-undici',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-trace-node',
] as const;

/** How long a stopping server waits for its last spans to be sent. */
const SHUTDOWN_FLUSH_MS = 3000;

/** A collector that is down fails every export: one log line a minute says so. */
const PROBLEM_LOG_INTERVAL_MS = 60_000;

/** Probes and scrapes, every few seconds each: as in the request log, not traced. */
const UNTRACED_PATHS = new Set(['/health', '/health/ready', '/metrics']);

/** The SDK reports a failed export as the error serialized in JSON, stack included: its name, message and code say enough. */
export function describeProblem(message: string): string {
  try {
    const error = JSON.parse(message) as { name?: unknown; message?: unknown; code?: unknown };
    const parts = [error.name, error.message, error.code === undefined ? undefined : `(${String(error.code)})`].filter((part) => part !== undefined && part !== '');
    if (parts.length > 0) return parts.map(String).join(' ').slice(0, 300);
  } catch {
    // Not JSON: a plain message.
  }
  return message.slice(0, 300);
}

export function startTracing(config: TracingConfig, require: NodeJS.Require): Tracing {
  const { diag, DiagLogLevel } = require('@opentelemetry/api') as typeof Api;
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof SdkModule;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof ExporterModule;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof ResourcesModule;
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof InstrumentationModule;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof HttpModule;
  const { ExpressInstrumentation, ExpressLayerType } = require('@opentelemetry/instrumentation-express') as typeof ExpressModule;
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof UndiciModule;

  // The SDK's own complaints (a failed export above all), otherwise silent: a JSON log line, at most one a minute.
  const logger = createLogger('warn');
  let loggedAt = -Infinity;
  const complain = (message: string) => {
    if (Date.now() - loggedAt < PROBLEM_LOG_INTERVAL_MS) return;
    loggedAt = Date.now();
    logger.warn({ detail: describeProblem(message) }, 'OpenTelemetry: traces could not be sent, or another tracing problem (logged at most once a minute)');
  };
  const ignore = () => undefined;
  diag.setLogger({ error: complain, warn: complain, info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);

  // OTLP/HTTP with JSON bodies; the endpoint, headers and time-out come from the standard OTEL_EXPORTER_OTLP_* variables.
  const exporter = new OTLPTraceExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName, 'service.version': SERVER_VERSION }),
    spanProcessors: [
      // Before the batch takes the span: nothing unredacted is ever buffered or sent.
      {
        onStart: () => undefined,
        onEnding: (span) => redactSpan(span as unknown as RedactableSpan),
        onEnd: () => undefined,
        forceFlush: () => Promise.resolve(),
        shutdown: () => Promise.resolve(),
      },
      new BatchSpanProcessor(exporter),
    ],
  });
  // The async-hooks context (each request's spans stay in its trace) and W3C trace-context propagation.
  provider.register();

  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]!),
        // Replication is answered by middleware (the sync gate, express-pouchdb or the CouchDB proxy), so express
        // names every such request "/db"; named like the metrics' operations instead, never with the database's name.
        applyCustomAttributesOnSpan: (span, request, response) => {
          if (!('getHeader' in response)) return; // an outgoing request's answer
          const path = ((request as { originalUrl?: string }).originalUrl ?? (request as { url?: string }).url ?? '').split('?')[0]!;
          if (path !== '/db' && !path.startsWith('/db/')) return;
          const route = syncRoute(path.slice('/db'.length));
          span.setAttribute('http.route', route);
          span.updateName(`${(request as { method?: string }).method ?? 'GET'} ${route}`);
        },
      }),
      // Routers and route handlers; the many small middleware (helmet, CORS, body parsers) would only add noise.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new UndiciInstrumentation(),
    ],
  });
  require('node:http');
  require('node:https');
  require('express');
  // `import { request } from 'node:http'` sees the patched function too.
  syncBuiltinESMExports();

  return {
    async shutdown() {
      // A collector that is down or slow loses these spans; it must not hold up the server's stop for long.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        provider.shutdown().catch(() => undefined),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, SHUTDOWN_FLUSH_MS);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
