import crypto from 'node:crypto';
import { HttpError } from '../errors';
import type { Storage, UserRecord } from '../storage/types';
import { userDbName } from '../sync/db-name';
import { getDummyHash, hashPassword, verifyPassword } from './passwords';
import type { TokenService } from './tokens';

/** Account logic, independent of HTTP: routes translate requests to these calls. */

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface AuthService {
  register(input: { email: string; password: string; name: string }): Promise<{ user: PublicUser } & TokenPair>;
  login(input: { email: string; password: string }): Promise<{ user: PublicUser } & TokenPair>;
  refresh(refreshToken: string): Promise<TokenPair>;
  /** The user an access token belongs to; throws 401 otherwise. */
  authenticate(accessToken: string | null): Promise<PublicUser>;
}

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Email or password is incorrect');
const invalidRefresh = () => new HttpError(401, 'invalid_token', 'Refresh token is invalid, expired or already used; log in again');

export function toPublicUser(user: UserRecord): PublicUser {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
}

export function createAuthService(storage: Storage, tokens: TokenService): AuthService {
  async function issuePair(userId: string, family: string): Promise<TokenPair> {
    const refresh = tokens.signRefreshToken(userId, family);
    await storage.refreshTokens.save({
      jti: refresh.jti,
      userId,
      family,
      expiresAt: refresh.expiresAt.toISOString(),
    });
    return { accessToken: tokens.signAccessToken(userId), refreshToken: refresh.token };
  }

  return {
    async register({ email, password, name }) {
      const user: UserRecord = {
        id: crypto.randomUUID(),
        email,
        name,
        passwordHash: await hashPassword(password),
        createdAt: new Date().toISOString(),
      };
      if ((await storage.users.create(user)) === 'email_taken') {
        throw new HttpError(409, 'email_taken', 'An account cannot be created with these details');
      }
      await storage.syncDatabases.ensureDatabase(userDbName(user.id));
      return { user: toPublicUser(user), ...(await issuePair(user.id, crypto.randomUUID())) };
    },

    async login({ email, password }) {
      const user = await storage.users.findByEmail(email);
      const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
      if (!user || !ok) throw invalidCredentials();
      // Idempotent; also heals an account whose database creation failed at registration.
      await storage.syncDatabases.ensureDatabase(userDbName(user.id));
      return { user: toPublicUser(user), ...(await issuePair(user.id, crypto.randomUUID())) };
    },

    async refresh(refreshToken) {
      const claims = tokens.verifyRefreshToken(refreshToken);
      if (!claims) throw invalidRefresh();
      if (await storage.refreshTokens.isFamilyRevoked(claims.family)) throw invalidRefresh();
      const result = await storage.refreshTokens.consume(claims.jti);
      if (result.status === 'unknown' || result.record.userId !== claims.userId || result.record.family !== claims.family) {
        throw invalidRefresh();
      }
      if (result.status === 'reused') {
        // Two holders of one token: one is a thief. End every session descended from the login.
        await storage.refreshTokens.revokeFamily(claims.family);
        throw invalidRefresh();
      }
      if (!(await storage.users.findById(claims.userId))) throw invalidRefresh();
      return issuePair(claims.userId, claims.family);
    },

    async authenticate(accessToken) {
      if (!accessToken) throw new HttpError(401, 'missing_token', 'An Authorization: Bearer <access token> header is required');
      const userId = tokens.verifyAccessToken(accessToken);
      const user = userId ? await storage.users.findById(userId) : null;
      if (!user) throw new HttpError(401, 'invalid_token', 'Access token is invalid or expired');
      return toPublicUser(user);
    },
  };
}
