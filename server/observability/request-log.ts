import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { serializeError } from './logger';

/**
 * One log line per request with its id, method, path (never the query, which can
 * carry sign-in codes), status and time. The id is the caller's
 * X-Request-Id when it looks like one (a proxy's), or a new one; it is sent
 * back so a user's report can be matched to the line.
 */

const INCOMING_ID = /^[\w.:-]{8,128}$/;
const QUIET_PATHS = new Set(['/health', '/health/ready', '/metrics']);

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0]!.slice(0, 300);
}

export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    // Health checks and scrapes arrive every few seconds and would drown the rest.
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(pathOf(req.url)) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    // A client that closes a longpoll (every extension does) ends its request before the answer: not an error.
    customSuccessMessage: (req, res) => (!req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted'),
    customErrorMessage: () => 'request failed',
    customAttributeKeys: { responseTime: 'durationMs' },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({ id: req.id, method: req.method, path: pathOf(req.originalUrl ?? req.url) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
  });
}
