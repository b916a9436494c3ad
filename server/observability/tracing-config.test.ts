import { describe, expect, it } from 'vitest';
import { readEnv, readTracingConfig } from './tracing-config';

const read = (env: Record<string, string>) => {
  const errors: string[] = [];
  return { config: readTracingConfig(readEnv(env), errors), errors };
};

describe('readTracingConfig', () => {
  it('is off without an endpoint, an empty one included', () => {
    expect(read({})).toEqual({ config: null, errors: [] });
    expect(read({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ', OTEL_SERVICE_NAME: 'x' })).toEqual({ config: null, errors: [] });
  });

  it('is on with either endpoint, named trackruit-server unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).config).toEqual({ serviceName: 'trackruit-server' });
    expect(read({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/v1/traces', OTEL_SERVICE_NAME: 'trackruit-eu' }).config).toEqual({ serviceName: 'trackruit-eu' });
  });

  it('refuses an endpoint that is not an http(s) URL or carries credentials, without echoing it', () => {
    const { config, errors } = read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://key:s3cret@collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318' });
    expect(config).toBeNull();
    expect(errors).toEqual([
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: must be an absolute http(s) URL without credentials (put a key in OTEL_EXPORTER_OTLP_HEADERS)',
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an absolute http(s) URL without credentials (put a key in OTEL_EXPORTER_OTLP_HEADERS)',
    ]);
  });
});
