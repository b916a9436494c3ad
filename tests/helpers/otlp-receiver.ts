/**
 * An OpenTelemetry collector's OTLP/HTTP trace receiver, as far as a test needs
 * one: a real HTTP server taking `POST /v1/traces` with JSON bodies (what
 * @opentelemetry/exporter-trace-otlp-http sends), answering 200, and keeping
 * each body as received (raw text too, to search for anything that leaked).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type AnyValue = { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
interface KeyValue { key: string; value: AnyValue }
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: KeyValue[];
  status?: { code?: number; message?: string };
  events?: { name: string; attributes?: KeyValue[] }[];
}
interface OtlpExport {
  resourceSpans: { resource?: { attributes?: KeyValue[] }; scopeSpans: { scope?: { name: string }; spans: OtlpSpan[] }[] }[];
}

/** A span flattened for assertions: its attributes as a plain object, with its resource's and scope's. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP's numbering: 2 server, 3 client, 1 internal. */
  kind: number;
  scope: string;
  attributes: Record<string, string | number | boolean | undefined>;
  resource: Record<string, string | number | boolean | undefined>;
}

export const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;

export interface OtlpReceiver {
  /** Base URL, as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  /** Every request received, raw: method, path, content type and body text. */
  requests: { method: string; path: string; contentType: string | undefined; body: string }[];
  /** The spans of every POST /v1/traces so far. */
  spans(): ReceivedSpan[];
  close(): Promise<void>;
}

const valueOf = (value: AnyValue) => value.stringValue ?? (value.intValue === undefined ? undefined : Number(value.intValue)) ?? value.boolValue ?? value.doubleValue;
const toObject = (attributes: KeyValue[] = []) => Object.fromEntries(attributes.map((kv) => [kv.key, valueOf(kv.value)]));

/** A receiver would take much more; a test's batches are small. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: OtlpReceiver['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) req.destroy();
    });
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    spans() {
      return requests.filter((request) => request.path === '/v1/traces').flatMap((request) => (JSON.parse(request.body) as OtlpExport).resourceSpans.flatMap((resourceSpans) =>
        resourceSpans.scopeSpans.flatMap((scopeSpans) => scopeSpans.spans.map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: span.kind,
          scope: scopeSpans.scope?.name ?? '',
          attributes: toObject(span.attributes),
          resource: toObject(resourceSpans.resource?.attributes),
        })))));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
