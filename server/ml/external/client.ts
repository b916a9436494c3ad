import { ML_PATHS, ML_SERVICE_PREFIX } from '../paths';
import { answerSchemas, type Answer, type AnswerKind } from './answers';

/**
 * One call to an external ML service (ML_SERVICE_URL), by the contract
 * `POST /ml/<route>` with the same JSON body as /api/ml/<route> and an
 * `X-API-Key` header. Every way it can go wrong ends in an
 * ExternalServiceError: no answer within the time, a status other than 200,
 * an answer too large, not JSON, or not shaped like the built-in engine's.
 * Errors name what went wrong, never the body sent or received.
 */

export interface ExternalClientOptions {
  /** Base URL, e.g. http://ml.internal:7000 (a path prefix is kept). */
  url: string;
  apiKey: string;
  /** The whole call, connection to last byte. */
  timeoutMs: number;
  /** Larger answers are refused: no answer of the contract comes near it. */
  maxResponseBytes: number;
}

export class ExternalServiceError extends Error {
  constructor(
    message: string,
    /** The service's HTTP status, when it answered one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ExternalServiceError';
  }
}

/** The body, read no further than `max` bytes: a service that streams without end cannot fill the server's memory. */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) throw new ExternalServiceError(`The answer is ${declared} bytes; the limit is ${max}.`, res.status);
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new ExternalServiceError(`The answer is over the limit of ${max} bytes.`, res.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function callExternal<K extends AnswerKind>(kind: K, body: unknown, options: ExternalClientOptions): Promise<Answer<K>> {
  const url = options.url.replace(/\/+$/, '') + ML_SERVICE_PREFIX + ML_PATHS[kind];
  let res: Response;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-API-Key': options.apiKey },
      body: JSON.stringify(body),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    throw new ExternalServiceError(signal.aborted ? `No answer within ${options.timeoutMs} ms.` : `Could not reach the service (${(error as Error).message}).`);
  }
  let raw: string;
  try {
    raw = await readCapped(res, options.maxResponseBytes);
  } catch (error) {
    if (error instanceof ExternalServiceError) throw error;
    throw new ExternalServiceError(signal.aborted ? `No complete answer within ${options.timeoutMs} ms.` : 'The answer was cut off.', res.status);
  }
  if (res.status !== 200) throw new ExternalServiceError(`The service answered ${res.status}.`, res.status);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ExternalServiceError('The answer is not JSON.', res.status);
  }
  const parsed = answerSchemas[kind].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ExternalServiceError(`The answer does not fit the contract (${issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'invalid'}).`, res.status);
  }
  return parsed.data as Answer<K>;
}
