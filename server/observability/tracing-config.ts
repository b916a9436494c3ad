/**
 * When the server sends OpenTelemetry traces, from OpenTelemetry's own standard
 * variables. Read twice: by tracing-preload.ts, before anything else loads
 * (so it imports nothing but this), and by config.ts, which reports a bad value
 * with the other configuration errors.
 */

export const DEFAULT_SERVICE_NAME = 'trackruit-server';

export const TRACING_CONFIG_VARIABLES = [
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', default: '(none: no traces)', description: 'Base http(s) URL of an OpenTelemetry collector\'s OTLP/HTTP receiver, e.g. http://otel-collector:4318: the server then sends traces (JSON) to <URL>/v1/traces. Without it or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, the OpenTelemetry SDK is not even loaded. Traces hold routes, status codes and timings; never bodies, headers, query-string values or credentials (see Observability).' },
  { name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', default: '(none)', description: 'Full http(s) URL traces are sent to, used as is (e.g. http://otel-collector:4318/v1/traces); wins over OTEL_EXPORTER_OTLP_ENDPOINT and also turns traces on.' },
  { name: 'OTEL_EXPORTER_OTLP_HEADERS', default: '(none)', description: 'Headers sent with every export, as key=value pairs separated by commas (e.g. a hosted collector\'s API key). Never logged.' },
  { name: 'OTEL_SERVICE_NAME', default: DEFAULT_SERVICE_NAME, description: 'The service.name of every span, to tell deployments apart in the tracing backend.' },
  { name: 'OTEL_TRACES_SAMPLER', default: 'parentbased_always_on', description: 'OpenTelemetry\'s standard sampler choice, e.g. parentbased_traceidratio with OTEL_TRACES_SAMPLER_ARG=0.1 to keep one trace in ten.' },
  { name: 'OTEL_TRACES_SAMPLER_ARG', default: '(none)', description: 'The sampler\'s argument (the ratio for the traceidratio samplers).' },
] as const;

export interface TracingConfig {
  serviceName: string;
}

type Read = (name: string) => string | undefined;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * Null when no endpoint is set (traces off). A bad endpoint adds an error line
 * (never echoing the value: a URL may carry a key) and also gives null.
 * The exporter reads the endpoint variables itself, with their standard meaning.
 */
export function readTracingConfig(read: Read, errors: string[] = []): TracingConfig | null {
  const endpoints = (['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'] as const).filter((name) => read(name) !== undefined);
  if (endpoints.length === 0) return null;
  let valid = true;
  for (const name of endpoints) {
    if (!isHttpUrl(read(name)!)) {
      errors.push(`${name}: must be an absolute http(s) URL without credentials (put a key in OTEL_EXPORTER_OTLP_HEADERS)`);
      valid = false;
    }
  }
  return valid ? { serviceName: read('OTEL_SERVICE_NAME') ?? DEFAULT_SERVICE_NAME } : null;
}

/** The same treatment of empty variables as config.ts: `NAME=` means unset. */
export function readEnv(env: Record<string, string | undefined>): Read {
  return (name) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
}
