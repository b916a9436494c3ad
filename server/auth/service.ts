import crypto from 'node:crypto';
import { HttpError } from '../errors';
import type { Mailer } from '../mail/mailer';
import {
  newSignInMail,
  passwordChangedMail,
  passwordResetMail,
  registrationAttemptMail,
  verificationCodeMail,
  welcomeMail,
} from '../mail/templates';
import type { OneTimeCodePurpose, PreferenceValue, Storage, UserRecord, UserRole } from '../storage/types';
import { newUserRecord } from '../storage/new-user';
import { userDbName } from '../sync/db-name';
import { codeMatches, generateCode, hashCode } from './codes';
import { getDummyHash, hashPassword, verifyPassword } from './passwords';
import type { TokenService } from './tokens';
import { PREFERENCES_MAX_KEYS } from './validation';

/** Account logic, independent of HTTP: routes translate requests to these calls. */

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  role: UserRole;
  emailVerified: boolean;
  avatarUrl: string | null;
  preferences: Record<string, PreferenceValue>;
  /** False for an account that signs in only through OpenID Connect: "change password" becomes "set a password". */
  hasPassword: boolean;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export type Session = { user: PublicUser } & TokenPair;

/** Where a request came from, for new-device alerts. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

export interface AuthSettings {
  otpTtlSeconds: number;
  otpMaxAttempts: number;
  otpResendCooldownSeconds: number;
  /** Keys the HMAC of one-time codes. */
  codeSecret: string;
  /** How recent a sign-in must be to stand in for a password (accounts without one); 5 minutes by default. */
  recentSignInSeconds?: number;
  /** Failures of work done after the answer (see `later`). */
  log?: (message: string, error?: unknown) => void;
  /** Told of every request an access token authenticated (last-active times for the admin console). */
  onActive?: (user: UserRecord) => void;
}

/** The user behind an access token, and when they last proved who they are. */
export interface AuthenticatedSession {
  user: UserRecord;
  authTimeMs: number;
  /** The token's authentication methods: `totp` once a second factor was checked (tokens.ts). */
  amr: string[];
}

export interface AuthService {
  /** Same outcome whether or not the email has an account: see the route. */
  register(input: { email: string; password: string; name: string }): Promise<void>;
  /**
   * Activates exactly the registration the code was sent for. `password`,
   * when the client sends it, must be that registration's: a code mailed for
   * someone else's registration of the address is then refused too.
   */
  verifyOtp(input: { email: string; code: string; password: string }, client: ClientInfo): Promise<Session>;
  resendOtp(input: { email: string }): Promise<void>;
  login(input: { email: string; password: string }, client: ClientInfo): Promise<Session>;
  forgotPassword(input: { email: string }): Promise<void>;
  resetPassword(input: { email: string; code: string; password: string }, client: ClientInfo): Promise<void>;
  refresh(refreshToken: string): Promise<TokenPair>;
  /** The user an access token belongs to; throws 401 otherwise (deleted user, token older than a password change or sign-out everywhere). */
  authenticate(accessToken: string | null): Promise<UserRecord>;
  /** Same check, with the time of the sign-in the token descends from. */
  authenticateSession(accessToken: string | null): Promise<AuthenticatedSession>;
  updateProfile(user: UserRecord, patch: { name?: string | undefined; avatarUrl?: string | null | undefined; preferences?: Record<string, PreferenceValue> | undefined }): Promise<PublicUser>;
  /** Merges `changes` into the stored preferences (atomically, against the record as it is now); 400 past PREFERENCES_MAX_KEYS. */
  updatePreferences(user: UserRecord, changes: Record<string, PreferenceValue>): Promise<PublicUser>;
  /**
   * Ends every other session and returns a new pair for this one. An account
   * without a password sets its first one: no current password, but a recent sign-in.
   */
  changePassword(session: AuthenticatedSession, input: { currentPassword?: string | undefined; newPassword: string }, client: ClientInfo): Promise<TokenPair>;
  logout(refreshToken: string): Promise<void>;
  logoutAll(user: UserRecord): Promise<void>;
  /** Throws 401 unless `password` is the user's. */
  checkPassword(user: UserRecord, password: string): Promise<void>;
  /**
   * Proof of identity before a destructive step (account deletion): the
   * password when the account has one, otherwise a sign-in at most
   * `recentSignInSeconds` old (a refreshed token keeps its sign-in's time).
   */
  confirmIdentity(session: AuthenticatedSession, password: string | undefined): Promise<void>;
  /** Resolves once the work done after answers (mail lookups) has finished. */
  settled(): Promise<void>;
  /** Signs in a user another way already proved (OpenID Connect, server/oidc). */
  startSession(user: UserRecord, client: ClientInfo): Promise<Session>;
}

export const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Email or password is incorrect');
const invalidRefresh = () => new HttpError(401, 'invalid_token', 'Refresh token is invalid, expired or already used; log in again');
const invalidAccess = () => new HttpError(401, 'invalid_token', 'Access token is invalid or expired');
export const invalidCode = () => new HttpError(400, 'invalid_code', 'The code is wrong, has expired or was tried too many times. Use the latest code sent to you, or ask for a new one.');
const MAX_KNOWN_DEVICES = 20;
const DEFAULT_RECENT_SIGN_IN_SECONDS = 5 * 60;
export const recentSignInRequired = (seconds: number) => new HttpError(403, 'recent_sign_in_required',
  `This account has no password: sign in again, then do this within ${Math.round(seconds / 60)} minutes.`);

export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt,
    role: user.role,
    emailVerified: user.emailVerified,
    avatarUrl: user.avatarUrl,
    preferences: user.preferences,
    hasPassword: user.passwordHash !== null,
  };
}

export const accountDisabled = () => new HttpError(403, 'account_disabled', 'This account is disabled. Ask the server\'s operator to enable it.');

/** Tokens issued before a password change or "sign out everywhere" no longer count, and none of a disabled account. */
export function tokenStillValid(user: UserRecord, issuedAtMs: number): boolean {
  if (user.disabledAt) return false;
  const cutoffs = [user.passwordChangedAt, user.sessionsRevokedAt].filter((value): value is string => value !== null).map(Date.parse);
  return cutoffs.every((cutoff) => !(issuedAtMs < cutoff));
}

function deviceKey(client: ClientInfo): string {
  return crypto.createHash('sha256').update(`${client.ip}\n${client.userAgent}`).digest('hex').slice(0, 32);
}

/** What a code is bound to besides purpose and email: a verification code, to its registration's password hash. */
function codeBinding(purpose: OneTimeCodePurpose, user: UserRecord): string {
  return purpose === 'verify' ? user.passwordHash ?? '' : '';
}

export function createAuthService(storage: Storage, tokens: TokenService, mailer: Mailer, settings: AuthSettings): AuthService {
  const log = settings.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const recentSignInSeconds = settings.recentSignInSeconds ?? DEFAULT_RECENT_SIGN_IN_SECONDS;
  const pending = new Set<Promise<void>>();
  const chains = new Map<string, Promise<void>>();

  /**
   * Runs after the answer, in order per key. Routes that must not reveal
   * whether an address has an account answer before even looking it up, so
   * both cases do the same work before the answer.
   */
  function later(key: string, task: () => Promise<void>): void {
    const previous = chains.get(key) ?? Promise.resolve();
    const run = previous.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(task).catch((error: unknown) => {
      log(`Deferred ${key.split(':')[0]} work failed`, error);
    });
    chains.set(key, run);
    pending.add(run);
    void run.finally(() => {
      pending.delete(run);
      if (chains.get(key) === run) chains.delete(key);
    });
  }

  function requireRecentSignIn(authTimeMs: number): void {
    const age = Date.now() - authTimeMs;
    if (!(authTimeMs > 0 && age >= -60_000 && age <= recentSignInSeconds * 1000)) throw recentSignInRequired(recentSignInSeconds);
  }

  async function issuePair(userId: string, family: string, authTimeMs = Date.now()): Promise<TokenPair> {
    const refresh = tokens.signRefreshToken(userId, family, authTimeMs);
    await storage.refreshTokens.save({
      jti: refresh.jti,
      userId,
      family,
      expiresAt: refresh.expiresAt.toISOString(),
    });
    return { accessToken: tokens.signAccessToken(userId, authTimeMs), refreshToken: refresh.token };
  }

  /**
   * Sends a fresh code unless one went out less than the cool-down ago.
   * `replace` skips the cool-down: a new registration's code replaces the
   * previous registration's (which its binding already made useless).
   */
  async function sendCode(purpose: OneTimeCodePurpose, user: UserRecord, replace = false): Promise<void> {
    const existing = replace ? null : await storage.oneTimeCodes.get(purpose, user.email);
    if (existing && Date.now() - Date.parse(existing.sentAt) < settings.otpResendCooldownSeconds * 1000) return;
    const code = generateCode();
    const now = Date.now();
    await storage.oneTimeCodes.put({
      purpose,
      email: user.email,
      userId: user.id,
      codeHash: hashCode(settings.codeSecret, purpose, user.email, code, codeBinding(purpose, user)),
      expiresAt: new Date(now + settings.otpTtlSeconds * 1000).toISOString(),
      sentAt: new Date(now).toISOString(),
      attempts: 0,
    });
    const minutes = Math.round(settings.otpTtlSeconds / 60);
    const mail = purpose === 'verify' ? verificationCodeMail(user.name, code, minutes) : passwordResetMail(user.name, code, minutes);
    mailer.send(user.email, mail, `${purpose === 'verify' ? 'verification' : 'password reset'} code ${code}`);
  }

  /**
   * Checks and uses up a code. Every attempt counts, the right one included,
   * so the attempt after the last allowed one fails even with the right code.
   */
  async function consumeCode(purpose: OneTimeCodePurpose, email: string, code: string, accept?: (user: UserRecord) => Promise<void>): Promise<UserRecord> {
    const record = await storage.oneTimeCodes.get(purpose, email);
    if (!record || Date.parse(record.expiresAt) <= Date.now()) throw invalidCode();
    const attempts = await storage.oneTimeCodes.countAttempt(purpose, email);
    if (attempts === null || attempts > settings.otpMaxAttempts) throw invalidCode();
    // Read before matching: the code only matches the registration (password hash) it was sent for.
    const user = await storage.users.findById(record.userId);
    if (!user || user.email !== email) throw invalidCode();
    if (!codeMatches(settings.codeSecret, purpose, email, code, record.codeHash, codeBinding(purpose, user))) throw invalidCode();
    if (accept) await accept(user);
    await storage.oneTimeCodes.delete(purpose, email);
    return user;
  }

  /** Remembers the device; mails the owner when it is new and not their first. */
  async function noteSignIn(user: UserRecord, client: ClientInfo): Promise<UserRecord> {
    const key = deviceKey(client);
    if (user.knownDevices.includes(key)) return user;
    if (user.knownDevices.length > 0) mailer.send(user.email, newSignInMail(user.name, { at: new Date(), ...client }));
    const updated = await storage.users.update(user.id, (current) =>
      current.knownDevices.includes(key) ? current : { ...current, knownDevices: [...current.knownDevices, key].slice(-MAX_KNOWN_DEVICES) });
    return updated ?? user;
  }

  async function startSession(user: UserRecord, client: ClientInfo): Promise<Session> {
    if (user.disabledAt) throw accountDisabled();
    // Idempotent; also heals an account whose database creation failed earlier.
    await storage.syncDatabases.ensureDatabase(userDbName(user.id));
    const noted = await noteSignIn(user, client);
    return { user: toPublicUser(noted), ...(await issuePair(user.id, crypto.randomUUID())) };
  }

  async function endAllSessions(user: UserRecord, changes: Partial<UserRecord>): Promise<UserRecord> {
    const updated = await storage.users.update(user.id, (current) => ({ ...current, ...changes }));
    if (!updated) throw invalidAccess();
    await storage.refreshTokens.revokeAllForUser(user.id);
    return updated;
  }

  return {
    startSession,
    async register({ email, password, name }) {
      // Hashed whatever happens next, so every branch costs the same.
      const passwordHash = await hashPassword(password);
      const existing = await storage.users.findByEmail(email);
      if (existing?.emailVerified) {
        mailer.send(existing.email, registrationAttemptMail(existing.name));
        return;
      }
      if (existing) {
        // Not verified yet: a new pending registration (an address someone else typed first is
        // not locked). Its code is bound to its own password hash, so the earlier code stops
        // working and no code activates a password other than the one registered with it.
        const updated = await storage.users.update(existing.id, (current) => (current.emailVerified ? current : { ...current, name, passwordHash }));
        if (updated && !updated.emailVerified) await sendCode('verify', updated, true);
        return;
      }
      const user = newUserRecord({ email, name, passwordHash, emailVerified: false });
      if ((await storage.users.create(user)) === 'email_taken') return; // a concurrent registration won
      await sendCode('verify', user);
    },

    async verifyOtp({ email, code, password }, client) {
      const user = await consumeCode('verify', email, code, async (pendingUser) => {
        if (!pendingUser.passwordHash || !(await verifyPassword(pendingUser.passwordHash, password))) {
          throw new HttpError(400, 'invalid_code', 'This code was sent for another registration of this address (another password). Register again to get a code for yours.');
        }
      });
      // Only the registration the code matched (its password and name): a registration
      // that replaced it meanwhile is not verified by this code.
      const verified = await storage.users.update(user.id, (current) =>
        current.passwordHash === user.passwordHash ? { ...current, emailVerified: true } : current);
      if (!verified?.emailVerified) throw invalidCode();
      mailer.send(verified.email, welcomeMail(verified.name));
      return startSession(verified, client);
    },

    async resendOtp({ email }) {
      later(`resend:${email}`, async () => {
        const user = await storage.users.findByEmail(email);
        if (user && !user.emailVerified) await sendCode('verify', user);
      });
    },

    async login({ email, password }, client) {
      const user = await storage.users.findByEmail(email);
      const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
      if (!user || !user.passwordHash || !ok) throw invalidCredentials();
      if (!user.emailVerified) {
        // Only someone with the password learns that the account waits for its code.
        await sendCode('verify', user);
        throw new HttpError(403, 'email_not_verified', 'Confirm your email address first: enter the 6-digit code sent to it.');
      }
      return startSession(user, client);
    },

    async forgotPassword({ email }) {
      later(`reset:${email}`, async () => {
        const user = await storage.users.findByEmail(email);
        if (user) await sendCode('reset', user);
      });
    },

    async resetPassword({ email, code, password }, client) {
      const passwordHash = await hashPassword(password);
      const user = await consumeCode('reset', email, code);
      const now = new Date().toISOString();
      // The code proves the mailbox, so the address counts as verified too.
      const updated = await endAllSessions(user, { passwordHash, passwordChangedAt: now, emailVerified: true });
      mailer.send(updated.email, passwordChangedMail(updated.name, { at: new Date(), ...client }));
    },

    async refresh(refreshToken) {
      const claims = tokens.verifyRefreshToken(refreshToken);
      if (!claims) throw invalidRefresh();
      if (await storage.refreshTokens.isFamilyRevoked(claims.family)) throw invalidRefresh();
      const result = await storage.refreshTokens.consume(claims.userId, claims.jti);
      if (result.status === 'unknown' || result.record.userId !== claims.userId || result.record.family !== claims.family) {
        throw invalidRefresh();
      }
      if (result.status === 'reused') {
        // Two holders of one token: one is a thief. End every session descended from the login.
        await storage.refreshTokens.revokeFamily(claims.family);
        throw invalidRefresh();
      }
      const user = await storage.users.findById(claims.userId);
      if (!user || !tokenStillValid(user, claims.issuedAtMs)) throw invalidRefresh();
      // A new pair, not a new sign-in: the time the person proved who they are carries over.
      return issuePair(claims.userId, claims.family, claims.authTimeMs);
    },

    async authenticate(accessToken) {
      return (await this.authenticateSession(accessToken)).user;
    },

    async authenticateSession(accessToken) {
      if (!accessToken) throw new HttpError(401, 'missing_token', 'An Authorization: Bearer <access token> header is required');
      const claims = tokens.verifyAccessTokenClaims(accessToken);
      const user = claims ? await storage.users.findById(claims.userId) : null;
      if (!claims || !user || !tokenStillValid(user, claims.issuedAtMs)) throw invalidAccess();
      settings.onActive?.(user);
      return { user, authTimeMs: claims.authTimeMs, amr: claims.amr };
    },

    async updateProfile(user, patch) {
      const updated = await storage.users.update(user.id, (current) => ({
        ...current,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.avatarUrl !== undefined ? { avatarUrl: patch.avatarUrl } : {}),
        ...(patch.preferences !== undefined ? { preferences: patch.preferences } : {}),
      }));
      if (!updated) throw invalidAccess();
      return toPublicUser(updated);
    },

    async updatePreferences(user, changes) {
      const updated = await storage.users.update(user.id, (current) => {
        const preferences = { ...current.preferences, ...changes };
        if (Object.keys(preferences).length > PREFERENCES_MAX_KEYS) {
          throw new HttpError(400, 'validation_failed', 'Invalid preferences', { preferences: `must have at most ${PREFERENCES_MAX_KEYS} entries in all` });
        }
        return { ...current, preferences };
      });
      if (!updated) throw invalidAccess();
      return toPublicUser(updated);
    },

    async changePassword({ user, authTimeMs }, { currentPassword, newPassword }, client) {
      if (user.passwordHash !== null) {
        if (currentPassword === undefined) throw new HttpError(400, 'validation_failed', 'Invalid currentPassword', { currentPassword: 'is required' });
        await this.checkPassword(user, currentPassword);
      } else {
        requireRecentSignIn(authTimeMs);
      }
      const passwordHash = await hashPassword(newPassword);
      const updated = await endAllSessions(user, { passwordHash, passwordChangedAt: new Date().toISOString() });
      mailer.send(updated.email, passwordChangedMail(updated.name, { at: new Date(), ...client }));
      return issuePair(user.id, crypto.randomUUID());
    },

    async logout(refreshToken) {
      const claims = tokens.verifyRefreshToken(refreshToken);
      if (!claims) throw invalidRefresh();
      await storage.refreshTokens.revokeFamily(claims.family);
    },

    async logoutAll(user) {
      await endAllSessions(user, { sessionsRevokedAt: new Date().toISOString() });
    },

    async checkPassword(user, password) {
      const ok = await verifyPassword(user.passwordHash ?? (await getDummyHash()), password);
      if (!user.passwordHash || !ok) throw new HttpError(401, 'invalid_credentials', 'The password is incorrect');
    },

    async confirmIdentity({ user, authTimeMs }, password) {
      if (user.passwordHash === null) {
        requireRecentSignIn(authTimeMs);
        return;
      }
      if (password === undefined) throw new HttpError(400, 'validation_failed', 'Invalid password', { password: 'is required' });
      await this.checkPassword(user, password);
    },

    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
