import * as client from 'openid-client';
import type { OidcConfig } from './config';
import type { VerifiedIdentity } from './accounts';

/** One authorization in progress, kept on the server under its `state`. */
export interface PendingAuthorization {
  codeVerifier: string;
  nonce: string;
  /** Where the browser goes back with the login code (the extension). */
  clientRedirectUri: string;
  /** The redirect_uri sent to the provider, which the code exchange must repeat. */
  redirectUri: string;
}

export interface OidcProvider {
  /** The provider's authorization URL for a new sign-in, and what to keep until it returns. */
  start(redirectUri: string, clientRedirectUri: string): Promise<{ url: string; state: string; pending: PendingAuthorization }>;
  /**
   * Exchanges the code of the callback request and checks the ID token:
   * signature, issuer, audience, expiry, nonce, and the state and PKCE
   * verifier of this sign-in. Throws on any mismatch.
   */
  finish(callbackUrl: URL, state: string, pending: PendingAuthorization): Promise<VerifiedIdentity>;
}

const isLoopbackHttp = (issuer: string) => {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
};

/** Display name for the sign-in button. */
export function providerName(issuer: string): string {
  const host = new URL(issuer).hostname;
  return host === 'accounts.google.com' ? 'Google' : host;
}

export function createOidcProvider(config: OidcConfig): OidcProvider {
  let discovered: Promise<client.Configuration> | undefined;
  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
        // Plain http is accepted only for a provider on this machine (config.ts checked it).
        ...(isLoopbackHttp(config.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        // Not cached: the provider may be back on the next sign-in.
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  return {
    async start(redirectUri, clientRedirectUri) {
      const oidc = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: redirectUri,
        scope: config.scopes,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state, pending: { codeVerifier, nonce, clientRedirectUri, redirectUri } };
    },

    async finish(callbackUrl, state, pending) {
      const oidc = await configuration();
      const tokens = await client.authorizationCodeGrant(oidc, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      }, { redirect_uri: pending.redirectUri });
      const claims = tokens.claims();
      if (!claims) throw new Error('The provider returned no ID token');
      // openid-client already compared iss and aud; checked again so a change there cannot slip through.
      if (claims.iss !== oidc.serverMetadata().issuer) throw new Error('ID token issuer mismatch');
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.includes(config.clientId)) throw new Error('ID token audience mismatch');
      // Google puts email and name in the ID token; providers that keep them to
      // UserInfo get asked there, for this subject only.
      const profile: Record<string, unknown> = typeof claims.email === 'string'
        ? claims
        : await client.fetchUserInfo(oidc, tokens.access_token, claims.sub);
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof profile.email === 'string' ? profile.email : undefined,
        // Strictly true: a missing or any other value is "not verified".
        emailVerified: profile.email_verified === true,
        name: typeof profile.name === 'string' ? profile.name : undefined,
      };
    },
  };
}

/** One line for the log: what failed (the claim, or the provider's error code), never a token. */
export function describeOidcError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = error as Error & { code?: unknown; error?: unknown; cause?: unknown };
  const parts = [error.message];
  if (typeof details.code === 'string') parts.push(`code ${details.code}`);
  if (typeof details.error === 'string') parts.push(`provider error ${details.error}`);
  // openid-client wraps oauth4webapi's error, whose cause names the claim.
  let cause: unknown = details.cause;
  for (let depth = 0; depth < 3 && cause && typeof cause === 'object'; depth += 1) {
    const claim = (cause as { claim?: unknown }).claim;
    if (typeof claim === 'string') {
      parts.push(`claim ${claim}`);
      break;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return parts.join('; ');
}
