import { z } from 'zod';
import { serverMatchSchema } from '../../shared/match/match-result-schema';
import type { MatchJob } from '../../shared/match/match';
import type { ParsedResume } from '../../shared/resume/parsed-resume';
import type { CommunityFigures } from '../../shared/admin/console-api';

/**
 * The sync server's account API. Responses are parsed, not trusted: a wrong
 * shape becomes an ApiError the popup can show instead of a crash later.
 */

export const userSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string(),
  createdAt: z.string().optional(),
});
export type User = z.infer<typeof userSchema>;

const sessionResponseSchema = z.object({
  user: userSchema,
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  syncUrl: z.url({ protocol: /^https?$/ }),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

const verificationResponseSchema = z.object({ verificationRequired: z.literal(true), email: z.string() });
export type VerificationResponse = z.infer<typeof verificationResponseSchema>;

const acceptedSchema = z.object({}).loose();

const refreshResponseSchema = z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1) });
export type RefreshResponse = z.infer<typeof refreshResponseSchema>;

const meResponseSchema = z.object({ user: userSchema, syncUrl: z.url({ protocol: /^https?$/ }) });

const errorBodySchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export type ApiErrorKind = 'network' | 'http' | 'protocol';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    readonly status?: number,
    readonly code?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Whether a failed request was given up by its caller (sync stopping, a
 * wake-up restarting the live pull): no sign that the network or the server
 * failed, so it must not slow retries down or show "offline". A deadline
 * passing is such a sign.
 */
export function cancelledByCaller(init: RequestInit | undefined): boolean {
  const signal = init?.signal;
  return signal?.aborted === true && (signal.reason as { name?: unknown } | undefined)?.name !== 'TimeoutError';
}

export function apiUrl(serverUrl: string, path: string): string {
  return new URL(path, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString();
}

/** Answers without a body (204) parse as an empty object. */
async function call<T>(
  fetchFn: FetchLike,
  serverUrl: string,
  path: string,
  schema: z.ZodType<T>,
  init: RequestInit,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(apiUrl(serverUrl, path), init);
  } catch {
    throw new ApiError(`Can't reach the server at ${serverUrl}. Check the address or try again later.`, 'network');
  }
  const body: unknown = response.status === 204 ? {} : await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) {
      const { message, code, fields } = parsed.data.error;
      throw new ApiError(message, 'http', response.status, code, fields);
    }
    throw new ApiError(`The server answered ${response.status}.`, 'http', response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(`${serverUrl} does not look like a TrackRuit server.`, 'protocol', response.status);
  }
  return parsed.data;
}

function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Creates the account (or not: the answer is the same for a taken email); a code goes to the address. */
export function register(
  fetchFn: FetchLike,
  serverUrl: string,
  input: { name: string; email: string; password: string },
): Promise<VerificationResponse> {
  return call(fetchFn, serverUrl, 'api/auth/register', verificationResponseSchema, postJson(input));
}

export function verifyOtp(fetchFn: FetchLike, serverUrl: string, input: { email: string; code: string; password: string }): Promise<SessionResponse> {
  return call(fetchFn, serverUrl, 'api/auth/verify-otp', sessionResponseSchema, postJson(input));
}

export function resendOtp(fetchFn: FetchLike, serverUrl: string, input: { email: string }): Promise<unknown> {
  return call(fetchFn, serverUrl, 'api/auth/resend-otp', acceptedSchema, postJson(input));
}

export function forgotPassword(fetchFn: FetchLike, serverUrl: string, input: { email: string }): Promise<unknown> {
  return call(fetchFn, serverUrl, 'api/auth/forgot-password', acceptedSchema, postJson(input));
}

export function resetPassword(fetchFn: FetchLike, serverUrl: string, input: { email: string; code: string; password: string }): Promise<unknown> {
  return call(fetchFn, serverUrl, 'api/auth/reset-password', acceptedSchema, postJson(input));
}

/** Revokes the refresh token's family on the server. */
export function logout(fetchFn: FetchLike, serverUrl: string, refreshToken: string): Promise<unknown> {
  return call(fetchFn, serverUrl, 'api/auth/logout', acceptedSchema, postJson({ refreshToken }));
}

export function login(
  fetchFn: FetchLike,
  serverUrl: string,
  input: { email: string; password: string },
): Promise<SessionResponse> {
  return call(fetchFn, serverUrl, 'api/auth/login', sessionResponseSchema, postJson(input));
}

export function refresh(fetchFn: FetchLike, serverUrl: string, refreshToken: string): Promise<RefreshResponse> {
  return call(fetchFn, serverUrl, 'api/auth/refresh', refreshResponseSchema, postJson({ refreshToken }));
}

export function me(fetchFn: FetchLike, serverUrl: string, accessToken: string) {
  return call(fetchFn, serverUrl, 'api/auth/me', meResponseSchema, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

/** What "me" and the profile route answer: the user with the fields a person can change. */
export const accountPreferencesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AccountPreferences = z.infer<typeof accountPreferencesSchema>;

export const profileSchema = userSchema.extend({
  avatarUrl: z.string().nullable().optional(),
  emailVerified: z.boolean().optional(),
  preferences: accountPreferencesSchema.optional(),
});
export type Profile = z.infer<typeof profileSchema>;

const profileResponseSchema = z.object({ user: profileSchema });

/**
 * The signed-in user's own routes. `authFetch` adds the bearer token and
 * refreshes it (createAuthFetch), so these take no token themselves.
 */
export function getProfile(authFetch: FetchLike, serverUrl: string): Promise<{ user: Profile }> {
  return call(authFetch, serverUrl, 'api/auth/me', profileResponseSchema, { method: 'GET' });
}

export function updateProfile(authFetch: FetchLike, serverUrl: string, patch: { name?: string; avatarUrl?: string | null }): Promise<{ user: Profile }> {
  return call(authFetch, serverUrl, 'api/auth/profile', profileResponseSchema, { ...postJson(patch), method: 'PATCH' });
}

/** Only the keys given change on the server; the other preferences stay. */
export function patchPreferences(authFetch: FetchLike, serverUrl: string, preferences: AccountPreferences): Promise<{ user: Profile }> {
  return call(authFetch, serverUrl, 'api/auth/preferences', profileResponseSchema, { ...postJson({ preferences }), method: 'PATCH' });
}

const communityFiguresSchema = z.object({
  generatedAt: z.string(),
  minGroup: z.number(),
  companies: z.array(z.object({ company: z.string(), medianResponseDays: z.number(), users: z.number() })).max(1000),
  sites: z.array(z.object({ site: z.string(), responseRate: z.number(), users: z.number() })).max(100),
});

/** The server's pooled figures (shared/admin/console-api.ts CommunityFigures) for these companies and sites. */
export function getCommunityFigures(authFetch: FetchLike, serverUrl: string, request: { companies: readonly string[]; sites: readonly string[] }): Promise<CommunityFigures> {
  const query = new URLSearchParams();
  if (request.companies.length > 0) query.set('companies', request.companies.join(','));
  if (request.sites.length > 0) query.set('sites', request.sites.join(','));
  return call(authFetch, serverUrl, `api/analytics/community?${query.toString()}`, communityFiguresSchema, { method: 'GET' });
}

/** Every other session ends; the answer is this device's new pair. */
export function changePassword(fetchFn: FetchLike, serverUrl: string, input: { currentPassword: string; newPassword: string }): Promise<RefreshResponse> {
  return call(fetchFn, serverUrl, 'api/auth/change-password', refreshResponseSchema, postJson(input));
}

export function logoutAll(authFetch: FetchLike, serverUrl: string): Promise<unknown> {
  return call(authFetch, serverUrl, 'api/auth/logout-all', acceptedSchema, { method: 'POST' });
}

const accountExportSchema = z.object({ exportedAt: z.string() }).loose();
export type AccountExport = z.infer<typeof accountExportSchema>;

export function exportAccount(authFetch: FetchLike, serverUrl: string): Promise<AccountExport> {
  return call(authFetch, serverUrl, 'api/account/export', accountExportSchema, { method: 'GET' });
}

export function deleteAccount(fetchFn: FetchLike, serverUrl: string, password: string): Promise<unknown> {
  return call(fetchFn, serverUrl, 'api/account', acceptedSchema, { ...postJson({ password }), method: 'DELETE' });
}

export type ServerMatch = z.infer<typeof serverMatchSchema>;

/** The server's match of a parsed resume against a job; its answer names the engine that computed it. */
export function mlMatch(authFetch: FetchLike, serverUrl: string, body: { resume: ParsedResume; job: MatchJob & { title: string } }): Promise<ServerMatch> {
  return call(authFetch, serverUrl, 'api/ml/match', serverMatchSchema, postJson(body));
}
