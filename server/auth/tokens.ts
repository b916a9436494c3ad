import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { ServerConfig } from '../config';

/**
 * Access tokens (short, presented on every API and sync request) and refresh
 * tokens (long, exchanged once each) use separate secrets and audiences, and a
 * `typ` claim, so neither can stand in for the other.
 */

export const TOKEN_ISSUER = 'trackruit';
export const ACCESS_AUDIENCE = 'trackruit-sync';
export const REFRESH_AUDIENCE = 'trackruit-refresh';

export type TokenConfig = Pick<ServerConfig, 'jwtAccessSecret' | 'jwtRefreshSecret' | 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds'>;

export interface VerifiedRefreshToken {
  userId: string;
  jti: string;
  family: string;
  /** Milliseconds; compared with the user's passwordChangedAt and sessionsRevokedAt. */
  issuedAtMs: number;
  /** When the person last proved who they are (password, code or OpenID Connect); kept across refreshes. 0 when unknown. */
  authTimeMs: number;
}

export interface VerifiedAccessToken {
  userId: string;
  issuedAtMs: number;
  /** See VerifiedRefreshToken.authTimeMs: a refreshed token is new, its sign-in is not. */
  authTimeMs: number;
  /**
   * How the bearer proved who they are (RFC 8176 values): `totp` only on a
   * token issued right after a second-factor check (server/admin/session-routes.ts).
   * Refreshed tokens never carry it, so admin rights last one access token.
   */
  amr: string[];
}

/** Authentication methods an access token may name; anything else in a token is dropped. */
export const AUTH_METHODS = ['pwd', 'totp'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export interface IssuedRefreshToken extends VerifiedRefreshToken {
  token: string;
  expiresAt: Date;
}

export interface TokenService {
  /** `authTimeMs` defaults to now (a token issued at sign-in); `amr` to none. */
  signAccessToken(userId: string, authTimeMs?: number, amr?: readonly AuthMethod[]): string;
  signRefreshToken(userId: string, family: string, authTimeMs?: number): IssuedRefreshToken;
  /** The user id, or null for any token that is not a valid, current access token. */
  verifyAccessToken(token: string): string | null;
  /** Same check, with the issue time (the caller compares it with the user record). */
  verifyAccessTokenClaims(token: string): VerifiedAccessToken | null;
  verifyRefreshToken(token: string): VerifiedRefreshToken | null;
}

// Only HS256: refuses `alg: none` and algorithm-confusion tokens outright.
const ALGORITHMS: jwt.Algorithm[] = ['HS256'];

function verify(token: string, secret: crypto.KeyObject, audience: string): jwt.JwtPayload | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ALGORITHMS, issuer: TOKEN_ISSUER, audience });
    return typeof payload === 'object' ? payload : null;
  } catch {
    return null;
  }
}

/**
 * `iat` has whole seconds; a token issued in the same second as a password
 * change must still be told apart, so tokens carry the millisecond too.
 */
function issuedAtMs(payload: jwt.JwtPayload): number {
  const ms = (payload as { iat_ms?: unknown }).iat_ms;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : (payload.iat ?? 0) * 1000;
}

/** Tokens from before the claim existed count as an old sign-in, never a recent one. */
function readAmr(payload: jwt.JwtPayload): string[] {
  const amr = (payload as { amr?: unknown }).amr;
  return Array.isArray(amr) ? amr.filter((method): method is AuthMethod => (AUTH_METHODS as readonly unknown[]).includes(method)) : [];
}

function authTimeMs(payload: jwt.JwtPayload): number {
  const ms = (payload as { auth_time_ms?: unknown }).auth_time_ms;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : 0;
}

export function createTokenService(config: TokenConfig): TokenService {
  // jsonwebtoken turns a string secret into a KeyObject on every call; on every
  // sync request that was a millisecond of CPU, half of what the gate costs.
  const accessKey = crypto.createSecretKey(config.jwtAccessSecret, 'utf8');
  const refreshKey = crypto.createSecretKey(config.jwtRefreshSecret, 'utf8');

  function verifyAccess(token: string): VerifiedAccessToken | null {
    const payload = verify(token, accessKey, ACCESS_AUDIENCE);
    if (!payload || payload.typ !== 'access' || typeof payload.sub !== 'string' || !payload.sub) return null;
    return { userId: payload.sub, issuedAtMs: issuedAtMs(payload), authTimeMs: authTimeMs(payload), amr: readAmr(payload) };
  }

  return {
    signAccessToken(userId, authTime = Date.now(), amr = []) {
      return jwt.sign({ typ: 'access', iat_ms: Date.now(), auth_time_ms: authTime, ...(amr.length > 0 ? { amr: [...amr] } : {}) }, accessKey, {
        algorithm: 'HS256',
        expiresIn: config.accessTokenTtlSeconds,
        issuer: TOKEN_ISSUER,
        audience: ACCESS_AUDIENCE,
        subject: userId,
      });
    },

    signRefreshToken(userId, family, authTime = Date.now()) {
      const jti = crypto.randomUUID();
      const token = jwt.sign({ typ: 'refresh', family, iat_ms: Date.now(), auth_time_ms: authTime }, refreshKey, {
        algorithm: 'HS256',
        expiresIn: config.refreshTokenTtlSeconds,
        issuer: TOKEN_ISSUER,
        audience: REFRESH_AUDIENCE,
        subject: userId,
        jwtid: jti,
      });
      return { token, userId, jti, family, issuedAtMs: Date.now(), authTimeMs: authTime, expiresAt: new Date(Date.now() + config.refreshTokenTtlSeconds * 1000) };
    },

    verifyAccessToken(token) {
      return verifyAccess(token)?.userId ?? null;
    },

    verifyAccessTokenClaims: verifyAccess,

    verifyRefreshToken(token) {
      const payload = verify(token, refreshKey, REFRESH_AUDIENCE);
      if (!payload || payload.typ !== 'refresh') return null;
      const { sub, jti, family } = payload as jwt.JwtPayload & { family?: unknown };
      if (typeof sub !== 'string' || typeof jti !== 'string' || typeof family !== 'string') return null;
      return { userId: sub, jti, family, issuedAtMs: issuedAtMs(payload), authTimeMs: authTimeMs(payload) };
    },
  };
}
