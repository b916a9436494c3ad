/**
 * The console's one way to the server: same-origin JSON requests with the
 * admin token, and the server's one error shape ({ error: { code, message,
 * fields? } }) turned into an ApiError the pages can show.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The admin session is over (expired, signed out elsewhere, factor reset): sign in again. */
  get sessionEnded(): boolean {
    return this.status === 401 || this.code === 'second_factor_required' || this.code === 'second_factor_enrolment_required' || this.code === 'account_disabled';
  }
}

/** Longer than any admin route takes; a stuck request must not hold a page forever. */
const REQUEST_TIMEOUT_MS = 30_000;

async function errorFrom(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null;
  const error = body?.error;
  return new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${response.status}`, error?.fields ?? {});
}

async function send(method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check the connection and try again.');
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

export async function requestJson<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await send(method, path, token, body);
  return (response.status === 204 ? null : await response.json()) as T;
}

/** A file the server makes (CSV), fetched with the token and handed to the browser as a download. */
export async function download(path: string, token: string, fallbackName: string): Promise<void> {
  const response = await send('GET', path, token);
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** `?a=1&b=x` from the set values only. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
