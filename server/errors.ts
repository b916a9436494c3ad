import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

/**
 * The one error shape every route answers with, so clients need a single
 * parser: { error: { code, message, fields? } }.
 */

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: string, message: string, fields?: Record<string, string>): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

export function sendError(res: Response, status: number, code: string, message: string, fields?: Record<string, string>): void {
  res.status(status).json(errorBody(code, message, fields));
}

export type AsyncRoute = (req: Request, res: Response) => Promise<void>;

/**
 * Express 4 does not forward a rejected promise to the error handler by
 * itself: every async route goes through this one wrapper. `onError` sees the
 * error first (the auth routes mark a wrong password or code for the back-off
 * limiters there).
 */
export function asyncRoute(fn: AsyncRoute, onError?: (error: unknown, res: Response) => void): RequestHandler {
  return (req, res, next) => {
    fn(req, res).catch((error: unknown) => {
      onError?.(error, res);
      next(error);
    });
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`);
};

/** Body-parser errors carry a `type`; map them onto the contract instead of HTML pages. */
export function createErrorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      sendError(res, error.status, error.code, error.message, error.fields);
      return;
    }
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') {
      const limit = (error as { limit?: number }).limit;
      sendError(res, 413, 'payload_too_large', `Request body is larger than ${limit ?? 'the limit'} bytes`);
      return;
    }
    if (type === 'entity.parse.failed') {
      sendError(res, 400, 'malformed_json', 'Request body is not valid JSON');
      return;
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      sendError(res, 415, 'unsupported_encoding', 'Unsupported body encoding or charset');
      return;
    }
    if (type === 'request.aborted') {
      sendError(res, 400, 'request_aborted', 'The request was aborted');
      return;
    }
    // The request log's id (observability/request-log.ts), so this line and the request's can be matched.
    const requestId = (req as { id?: unknown }).id;
    log(typeof requestId === 'string' ? `Unhandled error in request ${requestId}` : 'Unhandled error', error);
    sendError(res, 500, 'internal_error', 'Internal server error');
  };
}
