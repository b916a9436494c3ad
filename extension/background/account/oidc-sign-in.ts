import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { AccountService, AccountState } from './account';
import { apiUrl, logout as revokeSession, userSchema, type FetchLike, type SessionResponse } from '../api';
import { localDataChoiceSchema, type Reply } from '../messages/page-messages';
import { isExtensionPage, type MessageSender } from '../messages/sender';

/**
 * "Continue with Google" in the background: the provider's pages open in a
 * browser-owned window (chrome.identity.launchWebAuthFlow), which comes back
 * to `https://<extension id>.chromiumapp.org/oidc#code=…`. The one-time login
 * code is exchanged for the session here, so tokens go from the server
 * straight into extension storage and never through a URL or a web page.
 */

export const oidcMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth:oidcProviders') }),
  z.object({ type: z.literal('auth:oidcSignIn'), localData: localDataChoiceSchema.optional() }),
]);
export type OidcMessage = z.infer<typeof oidcMessageSchema>;

export interface OidcProviderInfo {
  enabled: boolean;
  name?: string;
}

/** The part of `browser.identity` used here. */
export interface IdentityApi {
  getRedirectURL(path?: string): string;
  launchWebAuthFlow(details: { url: string; interactive?: boolean }): Promise<string | undefined>;
}

export interface OidcSignInDeps {
  account: Pick<AccountService, 'state' | 'signIn' | 'missingConsent'>;
  /** Defaults to `browser.identity` (the `identity` permission). */
  identity?: IdentityApi;
  runtimeId: string;
  extensionOrigin: string;
  fetch?: FetchLike;
}

const providersSchema = z.object({ oidc: z.object({ enabled: z.boolean(), name: z.string().max(100).optional() }) });
const sessionSchema = z.object({
  user: userSchema,
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  syncUrl: z.url({ protocol: /^https?$/ }),
});

const REDIRECT_PATH = 'oidc';

/** What the server's error codes in the fragment mean to the person signing in. */
export function oidcErrorMessage(code: string | null, provider = 'Google'): string {
  switch (code) {
    case 'access_denied':
      return 'Sign-in was cancelled.';
    case 'server_busy':
      return 'Too many sign-ins are in progress on your server right now. Try again in a few minutes.';
    case 'email_not_verified':
      return `Your ${provider} account has no verified email address, so it cannot sign in here. Verify it with ${provider}, or sign in with email and password.`;
    default:
      return `Sign-in with ${provider} did not complete. Try again.`;
  }
}

/** The login code from the address the flow ended at, or why there is none. */
export function readAuthResponse(responseUrl: string, redirectUri: string): { code: string } | { error: string | null } {
  if (!responseUrl.startsWith(redirectUri)) return { error: null };
  const params = new URLSearchParams(new URL(responseUrl).hash.slice(1));
  const code = params.get('code');
  return code ? { code } : { error: params.get('error') };
}

export async function handleOidcMessage(message: unknown, sender: MessageSender, deps: OidcSignInDeps): Promise<Reply<object>> {
  if (!isExtensionPage(sender, deps.runtimeId, deps.extensionOrigin)) return { ok: false, error: { message: 'Not allowed from here.' } };
  const parsed = oidcMessageSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: { message: 'Malformed request.' } };
  return parsed.data.type === 'auth:oidcProviders' ? providers(deps) : signInWithProvider(deps, parsed.data.localData);
}

async function providers(deps: OidcSignInDeps): Promise<Reply<{ oidc: OidcProviderInfo }>> {
  const fetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
  const { serverUrl } = await deps.account.state();
  try {
    const response = await fetchFn(apiUrl(serverUrl, 'api/auth/providers'), { credentials: 'omit' });
    const body = providersSchema.safeParse(await response.json());
    // An older server, or none: no button rather than an error.
    return { ok: true, oidc: response.ok && body.success ? body.data.oidc : { enabled: false } };
  } catch {
    return { ok: true, oidc: { enabled: false } };
  }
}

async function signInWithProvider(deps: OidcSignInDeps, localData: 'keep' | 'wipe' | undefined): Promise<Reply<AccountState>> {
  // Before the provider's window: it ends at the server, which then holds the name and email.
  const refused = await deps.account.missingConsent();
  if (refused) return { ok: false, error: refused };
  const fetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
  const { serverUrl } = await deps.account.state();
  const identity = deps.identity ?? (browser.identity as unknown as IdentityApi);
  const redirectUri = identity.getRedirectURL(REDIRECT_PATH);
  const startUrl = `${apiUrl(serverUrl, 'api/auth/google')}?redirect_uri=${encodeURIComponent(redirectUri)}`;

  let responseUrl: string | undefined;
  try {
    responseUrl = await identity.launchWebAuthFlow({ url: startUrl, interactive: true });
  } catch {
    // The window was closed, or the server refused to start (then its page showed why).
    return { ok: false, error: { message: 'Sign-in was cancelled or could not start. Try again.' } };
  }
  const answer = readAuthResponse(responseUrl ?? '', redirectUri);
  if ('error' in answer) return { ok: false, error: { message: oidcErrorMessage(answer.error) } };

  let session: SessionResponse;
  try {
    const response = await fetchFn(apiUrl(serverUrl, 'api/auth/google/exchange'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: answer.code }),
      credentials: 'omit',
    });
    const parsed = sessionSchema.safeParse(await response.json().catch(() => undefined));
    if (!response.ok || !parsed.success) return { ok: false, error: { message: oidcErrorMessage(null) } };
    session = parsed.data;
  } catch {
    return { ok: false, error: { message: `Can't reach the server at ${serverUrl}. Check the address or try again later.` } };
  }

  // The email is known only now; the same rules as a password sign-in decide about local data.
  const reply = await deps.account.signIn(session.user.email, localData, async () => session);
  // Not used (another account's data is on this device): end that session on the server.
  if (!reply.ok) await revokeSession(fetchFn, serverUrl, session.refreshToken).catch(() => undefined);
  return reply;
}
