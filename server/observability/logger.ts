import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './log-levels';

/**
 * Structured JSON logs (one object per line, for any log shipper). What goes
 * in is chosen field by field: request bodies, headers and query strings are
 * never serialized, so passwords, tokens and resume text cannot reach a log.
 */

/** The signature every part of the server logs through (older than the logger). */
export type LogFunction = (message: string, error?: unknown) => void;


const MAX_DETAIL_CHARS = 500;

/**
 * Only an error's kind, message, code and stack: libraries attach more (body-parser
 * keeps the raw body on its SyntaxError, HTTP clients keep request options).
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      type: error.name,
      message: error.message.slice(0, MAX_DETAIL_CHARS),
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { detail: String(error).slice(0, MAX_DETAIL_CHARS) };
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'trackruit' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** `log(message)` is information, `log(message, error)` an error; the error through serializeError. */
export function logFunction(logger: Logger): LogFunction {
  return (message, error) => {
    if (error === undefined || error === '') logger.info(message);
    else logger.error({ err: error }, message);
  };
}
