import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, passwordWeakness } from '../../shared/account/password-strength';
import { ACCOUNT_SWITCHES } from '../../shared/account/preferences';
import { HttpError } from '../errors';

/**
 * Bodies of the auth and account routes. Every object is strict: a field the
 * route does not know is refused by name (so `role` can never ride along into
 * a user record). Messages are phrased to follow the field name.
 */

const requiredString = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
});

export const EMAIL_MAX = 254;
export const PASSWORD_MAX = PASSWORD_MAX_LENGTH;
export const NAME_MAX = 100;
export const AVATAR_URL_MAX = 2048;
export const PREFERENCES_MAX_KEYS = 50;
export const PREFERENCE_KEY_MAX = 64;
export const PREFERENCE_STRING_MAX = 1000;

const email = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  requiredString
    .max(EMAIL_MAX, `must be at most ${EMAIL_MAX} characters`)
    .pipe(z.email({ error: 'must be a valid email address' })),
);

// Not trimmed: spaces are legitimate password characters.
const anyPassword = requiredString.min(1, 'must not be empty').max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);
const newPassword = requiredString.max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

const name = requiredString
  .trim()
  .min(1, 'must not be empty')
  .max(NAME_MAX, `must be at most ${NAME_MAX} characters`);

const code = z.preprocess(
  (value) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value),
  requiredString.regex(/^\d{6}$/, 'must be the 6-digit code from the email'),
);

/** Strength depends on the email too (a password must not contain it). */
function strongPassword(field: string) {
  return (body: { email?: string } & Record<string, unknown>, ctx: z.RefinementCtx) => {
    const value = body[field];
    if (typeof value !== 'string') return;
    const weakness = passwordWeakness(value, body.email);
    if (weakness) ctx.addIssue({ code: 'custom', path: [field], message: weakness });
  };
}

export const registerBodySchema = z.strictObject({ email, password: newPassword, name }).superRefine(strongPassword('password'));

export const loginBodySchema = z.strictObject({ email, password: anyPassword });

export const refreshBodySchema = z.strictObject({
  refreshToken: requiredString.min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
});

/**
 * `password`: the one registered (or typed at sign-in), so a code mailed for
 * someone else's registration of the address cannot activate their password.
 * Required: a client that left it out would be exposed to exactly that.
 */
export const verifyOtpBodySchema = z.strictObject({ email, code, password: anyPassword });

export const emailOnlyBodySchema = z.strictObject({ email });

export const resetPasswordBodySchema = z.strictObject({ email, code, password: newPassword }).superRefine(strongPassword('password'));

/** `currentPassword` may only be left out by an account that has none yet (see AuthService.changePassword). */
export const changePasswordBodySchema = z.strictObject({ currentPassword: anyPassword.optional(), newPassword });

/** Account deletion: the password, or nothing for an account without one (a recent sign-in counts instead). */
export const passwordBodySchema = z.strictObject({ password: anyPassword.optional() });

const avatarUrl = z
  .string({ error: 'must be a string or null' })
  .max(AVATAR_URL_MAX, `must be at most ${AVATAR_URL_MAX} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an https:// URL')
  .nullable();

const preferenceValue = z.union(
  [z.string().max(PREFERENCE_STRING_MAX), z.number().finite(), z.boolean(), z.null()],
  { error: `must be a string of at most ${PREFERENCE_STRING_MAX} characters, a number, true/false or null` },
);

const preferences = z
  .record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, `keys must be 1 to ${PREFERENCE_KEY_MAX} letters, digits, '.', '_' or '-'`),
    preferenceValue,
    { error: 'must be an object' },
  )
  .refine((value) => Object.keys(value).length <= PREFERENCES_MAX_KEYS, `must have at most ${PREFERENCES_MAX_KEYS} entries`);

/** The switches the server acts on (shared/account/preferences.ts) must be true or false, whichever route sets them. */
function switchesAreBooleans(body: { preferences?: Record<string, unknown> | undefined }, ctx: z.RefinementCtx) {
  for (const key of ACCOUNT_SWITCHES) {
    if (body.preferences && key in body.preferences && typeof body.preferences[key] !== 'boolean') {
      ctx.addIssue({ code: 'custom', path: ['preferences', key], message: 'must be true or false' });
    }
  }
}

export const profileBodySchema = z
  .strictObject({ name: name.optional(), avatarUrl: avatarUrl.optional(), preferences: preferences.optional() })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one of name, avatarUrl, preferences')
  .superRefine(switchesAreBooleans);

/**
 * PATCH /api/auth/preferences: the keys given replace those stored, the
 * others stay (the profile route replaces the whole object).
 */
export const preferencesPatchBodySchema = z.strictObject({ preferences }).superRefine(switchesAreBooleans);

/** Parses a request body or throws a 400 naming each offending field once. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'validation_failed', 'Request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = [...issue.path.map(String), key].join('.');
        fields[field] ??= key === 'role' ? 'cannot be set by the account owner' : 'is not an accepted field';
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || '(body)';
    fields[field] ??= issue.message;
  }
  throw new HttpError(400, 'validation_failed', `Invalid ${Object.keys(fields).join(', ')}`, fields);
}
