import type { FetchLike } from '../../api';

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    url: string,
    /** The server's error code (`error` in its body), when it gave one. */
    readonly code?: string,
    /** The server's explanation, for the person. */
    readonly reason?: string,
  ) {
    super(`The sync server answered ${status} for ${new URL(url).pathname}${reason ? `: ${reason}` : ''}`);
    this.name = 'SyncHttpError';
  }
}

async function errorDetails(response: Response): Promise<{ code?: string; reason?: string }> {
  try {
    const body = (await response.json()) as { error?: unknown; reason?: unknown; message?: unknown };
    const code = typeof body.error === 'string' ? body.error : typeof (body.error as { code?: unknown } | undefined)?.code === 'string' ? (body.error as { code: string }).code : undefined;
    const reason = typeof body.reason === 'string' ? body.reason : typeof body.message === 'string' ? body.message : undefined;
    return { ...(code ? { code } : {}), ...(reason ? { reason: reason.slice(0, 300) } : {}) };
  } catch {
    return {};
  }
}

/**
 * Error statuses become thrown errors, so the engine's retry path (and the
 * backoff, which sees them first) handles them instead of reading an error
 * body as an answer.
 */
export function failOnHttpError(fetchFn: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    if (!response.ok) {
      const { code, reason } = await errorDetails(response);
      throw new SyncHttpError(response.status, input, code, reason);
    }
    return response;
  };
}
