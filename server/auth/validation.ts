import { z } from 'zod';
import { HttpError } from '../errors';

/** Bodies of the auth routes. Messages are phrased to follow the field name. */

const requiredString = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
});

export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const NAME_MAX = 100;

const email = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  requiredString
    .max(EMAIL_MAX, `must be at most ${EMAIL_MAX} characters`)
    .pipe(z.email({ error: 'must be a valid email address' })),
);

export const registerBodySchema = z.object({
  email,
  // Not trimmed: spaces are legitimate password characters.
  password: requiredString
    .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
  name: requiredString
    .trim()
    .min(1, 'must not be empty')
    .max(NAME_MAX, `must be at most ${NAME_MAX} characters`),
});

export const loginBodySchema = z.object({
  email,
  password: requiredString.min(1, 'must not be empty').max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
});

export const refreshBodySchema = z.object({
  refreshToken: requiredString.min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
});

/** Parses a request body or throws a 400 naming each offending field once. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'validation_failed', 'Request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '(body)';
    fields[field] ??= issue.message;
  }
  throw new HttpError(400, 'validation_failed', `Invalid ${Object.keys(fields).join(', ')}`, fields);
}
