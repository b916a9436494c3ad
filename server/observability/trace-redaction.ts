/**
 * What a span may carry out of the server. The instrumentations record URLs
 * whole and errors with their messages; here, as each span ends, query values,
 * URL credentials, headers and error messages are taken out. Query strings carry
 * secrets on some routes (the OIDC callback's `code` and `state`, the unsubscribe
 * link's signature, a resume file's name), and error messages can quote a request
 * body (JSON.parse quotes the text it failed on), so neither is kept anywhere.
 * Nor is the client's address.
 */

export const REDACTED = 'REDACTED';

/** The parts of a span redaction touches, mutable while it ends (OpenTelemetry's SpanProcessor.onEnding). */
export interface RedactableSpan {
  readonly name: string;
  /** @opentelemetry/api's SpanKind: 1 is SERVER. */
  readonly kind: number;
  updateName(name: string): unknown;
  readonly attributes: Record<string, unknown>;
  readonly events: { name: string; attributes?: Record<string, unknown> | undefined }[];
  readonly status: { code: number; message?: string | undefined };
}

/** Attributes holding a URL or a path with its query (old and stable semantic conventions). */
const URL_ATTRIBUTES = new Set(['url.full', 'http.url', 'http.target', 'url.original']);
const QUERY_ATTRIBUTES = new Set(['url.query']);
/** Who called: personal data the request log does not keep either (a server span's peer is its client). */
const CLIENT_ATTRIBUTES = /^(?:client\.|network\.peer\.)/;
const SERVER_KIND = 1;
/** Header values (only recorded when an instrumentation is told to, which ours are not) and bodies. */
const DROPPED_ATTRIBUTE = /^(?:http\.(?:request|response)\.(?:header|body)\b|db\.statement$|db\.query\.text$)/;

/** `a=1&b` → `a=REDACTED&b`: the parameter names say what was asked; the values may be secrets. */
export function redactQuery(query: string): string {
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals === -1 ? part : `${part.slice(0, equals)}=${REDACTED}`;
    })
    .join('&');
}

/** An absolute URL or a path: credentials and fragment removed, query values redacted. */
export function redactUrl(value: string): string {
  const hash = value.indexOf('#');
  const withoutFragment = hash === -1 ? value : value.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  const base = question === -1 ? withoutFragment : withoutFragment.slice(0, question);
  const query = question === -1 ? '' : redactQuery(withoutFragment.slice(question + 1));
  // scheme://user:password@host → scheme://host
  const withoutCredentials = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
  return query ? `${withoutCredentials}?${query}` : withoutCredentials;
}

/** Only an exception's type and the frames of its stack (no message) are kept. */
function redactException(attributes: Record<string, unknown>): void {
  for (const key of Object.keys(attributes)) {
    if (key === 'exception.type') continue;
    if (key === 'exception.stacktrace' && typeof attributes[key] === 'string') {
      attributes[key] = attributes[key].split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
      continue;
    }
    delete attributes[key];
  }
}

export function redactSpan(span: RedactableSpan): void {
  if (span.name.includes('?')) span.updateName(redactUrl(span.name));
  const attributes = span.attributes;
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED_ATTRIBUTE.test(key) || (span.kind === SERVER_KIND && CLIENT_ATTRIBUTES.test(key))) delete attributes[key];
    else if (typeof value !== 'string') continue;
    else if (URL_ATTRIBUTES.has(key)) attributes[key] = redactUrl(value);
    else if (QUERY_ATTRIBUTES.has(key)) attributes[key] = redactQuery(value);
  }
  for (const event of span.events) {
    if (event.name === 'exception' && event.attributes) redactException(event.attributes);
    else if (event.attributes) for (const key of Object.keys(event.attributes)) delete event.attributes[key];
  }
  // An error status's message is the error's message.
  if (span.status.message !== undefined) delete span.status.message;
}
