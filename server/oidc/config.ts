/**
 * OpenID Connect sign-in ("Continue with Google"), configured by environment
 * variables. Any issuer with discovery works; Google is
 * OIDC_ISSUER=https://accounts.google.com. Unset, the routes answer 404.
 */
import { isChromeExtensionId, isGeckoExtensionId } from './client-redirect';

export interface OidcConfig {
  /** Issuer identifier exactly as the provider's discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Null: `${PUBLIC_URL}/api/auth/google/callback`, following the port actually bound. */
  redirectUri: string | null;
  scopes: string;
  /** Extension ids allowed to receive login codes; empty: any (unpacked builds get random ids), never in production. */
  extensionIds?: string[] | undefined;
}

export const OIDC_CONFIG_VARIABLES = [
  { name: 'OIDC_ISSUER', default: '(none: sign-in with Google is off)', description: 'OpenID Connect issuer for "Continue with Google", e.g. https://accounts.google.com. Needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too.' },
  { name: 'OIDC_CLIENT_ID', default: '(none)', description: 'Client id of the OAuth client registered at the issuer.' },
  { name: 'OIDC_CLIENT_SECRET', default: '(none)', description: 'Client secret of that OAuth client.' },
  { name: 'OIDC_REDIRECT_URI', default: '<PUBLIC_URL>/api/auth/google/callback', description: 'Redirect URI registered with the OAuth client; must reach this server\'s /api/auth/google/callback.' },
  { name: 'OIDC_SCOPES', default: 'openid email profile', description: 'Scopes asked for; must include openid and email.' },
  { name: 'OIDC_EXTENSION_IDS', default: '(any, outside production)', description: 'Comma-separated extension ids that may receive Google sign-in codes: Chrome ids (at https://<id>.chromiumapp.org/) and Firefox add-on ids (at https://<SHA-1 of the id>.extensions.allizom.org/). Required when NODE_ENV=production and OIDC_ISSUER is set, so no other extension can obtain sessions through this server.' },
] as const;

function isHttpsOrLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password || url.hash) return false;
    // Plain http only to this machine: a test or development provider.
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

/**
 * Reads the OIDC variables; each mistake goes to `errors` as one line. Null
 * when sign-in with an OpenID provider is not configured.
 */
export function readOidcConfig(read: (name: string) => string | undefined, errors: string[], options: { production?: boolean } = {}): OidcConfig | null {
  const issuer = read('OIDC_ISSUER');
  const clientId = read('OIDC_CLIENT_ID');
  const clientSecret = read('OIDC_CLIENT_SECRET');
  const redirectUri = read('OIDC_REDIRECT_URI') ?? null;
  const scopes = (read('OIDC_SCOPES') ?? 'openid email profile').split(/\s+/).filter(Boolean).join(' ');
  const extensionIds = (read('OIDC_EXTENSION_IDS') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (issuer === undefined && clientId === undefined && clientSecret === undefined) return null;

  const before = errors.length;
  if (issuer === undefined) errors.push('OIDC_ISSUER: is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set');
  else if (!isHttpsOrLoopback(issuer)) errors.push(`OIDC_ISSUER: must be an https URL (http only for localhost) (got ${JSON.stringify(issuer)})`);
  if (clientId === undefined) errors.push('OIDC_CLIENT_ID: is required when OIDC_ISSUER is set');
  // Never echoed: it is a secret.
  if (clientSecret === undefined) errors.push('OIDC_CLIENT_SECRET: is required when OIDC_ISSUER is set');
  if (redirectUri !== null && !isHttpsOrLoopback(redirectUri)) {
    errors.push(`OIDC_REDIRECT_URI: must be an https URL (http only for localhost) (got ${JSON.stringify(redirectUri)})`);
  }
  const scopeList = scopes.split(' ');
  if (!scopeList.includes('openid') || !scopeList.includes('email')) errors.push(`OIDC_SCOPES: must include openid and email (got ${JSON.stringify(scopes)})`);
  for (const id of extensionIds) {
    if (!isChromeExtensionId(id) && !isGeckoExtensionId(id)) {
      errors.push(`OIDC_EXTENSION_IDS: each entry must be a Chrome extension id (32 letters a to p) or a Firefox add-on id (name@domain or {GUID}) (got ${JSON.stringify(id)})`);
    }
  }
  // Without a list any extension could receive codes, and so sessions, of this server's users.
  if (options.production && extensionIds.length === 0) {
    errors.push('OIDC_EXTENSION_IDS: is required when NODE_ENV=production and sign-in with Google (OIDC_ISSUER) is configured: list the ids of your published extension (Chrome: 32 letters a to p; Firefox: name@domain or {GUID}), comma-separated');
  }
  if (errors.length > before || !issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, redirectUri, scopes, extensionIds };
}
