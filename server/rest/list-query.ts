import { z } from 'zod';
import { parseBody } from '../auth/validation';
import { HttpError } from '../errors';

/**
 * The query string of a list route: page size and cursor, plus the route's
 * own filters. The cursor is opaque to clients (base64url of the last id
 * sent), so its form can change without breaking them.
 */

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
/** Documents one list request reads at most, whatever its filters (see pageDocs): about a second on a loaded two-core machine. */
export const MAX_SCANNED_PER_PAGE = 2_000;
const MAX_CURSOR_LENGTH = 1_024;

interface CursorBody {
  v: 1;
  after: string;
}

export function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after } satisfies CursorBody), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const refuse = () => new HttpError(400, 'validation_failed', 'Invalid cursor', { cursor: 'is not a cursor this server gave; start again without one' });
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody> | null;
    if (body?.v !== 1 || typeof body.after !== 'string' || body.after === '') throw refuse();
    return body.after;
  } catch {
    throw refuse();
  }
}

/** One value per parameter: `?status=a&status=b` (an array to Express) is refused rather than half-read. */
function singleValues(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (typeof value !== 'string') {
      throw new HttpError(400, 'validation_failed', `Invalid ${name}`, { [name]: 'must be given once, as a plain value (list values with commas)' });
    }
    out[name] = value;
  }
  return out;
}

export const pageShape = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().optional(),
};

/** A comma-separated list of values from `allowed`, e.g. `status=applied,interview`. */
export function listOf<T extends string>(allowed: readonly [T, ...T[]]) {
  return z
    .string()
    .max(1_000)
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.enum(allowed)).max(allowed.length * 2));
}

/** Parses the query with `schema` (strict: an unknown parameter is named in the 400). */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  return parseBody(schema, singleValues(query));
}
