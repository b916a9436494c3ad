import { HttpError } from '../errors';
import { newUserRecord } from '../storage/new-user';
import type { Storage, UserRecord } from '../storage/types';
import type { OidcLinkStore } from './links';

/** What the ID token proved, after issuer, audience, nonce and signature were checked. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

export const NAME_MAX = 100;

export class OidcSignInError extends HttpError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}

function displayName(identity: VerifiedIdentity, email: string): string {
  const name = identity.name?.trim().slice(0, NAME_MAX);
  return name || email.split('@')[0]!.slice(0, NAME_MAX);
}

/**
 * The account an identity signs in to:
 * 1. the account its (issuer, subject) is linked to;
 * 2. else, when the provider says the email is verified, the account with that
 *    email, which gets linked;
 * 3. else a new account, verified, without a password.
 * An unverified email never links nor creates anything: whoever controls an
 * OpenID account with someone else's unverified address must not get in.
 */
export async function resolveOidcAccount(
  identity: VerifiedIdentity,
  deps: { users: Storage['users']; links: OidcLinkStore; now?: () => Date },
): Promise<{ user: UserRecord; outcome: 'signed_in' | 'linked' | 'created' }> {
  const { users, links } = deps;
  const now = deps.now ?? (() => new Date());
  const existingLink = await links.find(identity.issuer, identity.subject);
  if (existingLink) {
    const user = await users.findById(existingLink.userId);
    if (user) return { user, outcome: 'signed_in' };
    // The account was deleted: the subject is free again.
    await links.remove(identity.issuer, identity.subject);
  }

  const email = identity.email?.trim().toLowerCase();
  if (!email || !identity.emailVerified) {
    throw new OidcSignInError('email_not_verified', 'Your account at the sign-in provider has no verified email address, so it cannot sign in here. Verify it there, or sign in with email and password.');
  }
  const oidc = { issuer: identity.issuer, subject: identity.subject };

  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = await users.findByEmail(email);
    if (existing) {
      // Someone registered this address without ever proving it. The provider just proved
      // who owns it: the unproven password goes, or its author could sign in to the owner's
      // account (pre-account takeover). The owner can set a password with "forgot password".
      const linked: UserRecord = existing.emailVerified
        ? { ...existing, oidc }
        : { ...existing, oidc, emailVerified: true, passwordHash: null };
      if ((await links.create({ ...oidc, userId: existing.id, linkedAt: now().toISOString() })) === 'taken') {
        // Linked concurrently by another sign-in with the same subject.
        const raced = await links.find(identity.issuer, identity.subject);
        const user = raced ? await users.findById(raced.userId) : null;
        if (user) return { user, outcome: 'signed_in' };
        continue;
      }
      const stored = await users.update(existing.id, (current) =>
        current.emailVerified ? { ...current, oidc } : { ...current, oidc, emailVerified: true, passwordHash: null });
      return { user: stored ?? linked, outcome: 'linked' };
    }

    const user = newUserRecord({ email, name: displayName(identity, email), passwordHash: null, emailVerified: true, createdAt: now().toISOString(), oidc });
    if ((await users.create(user)) === 'email_taken') continue;
    if ((await links.create({ ...oidc, userId: user.id, linkedAt: user.createdAt })) === 'taken') {
      // Another first sign-in of the same subject won: use its account, drop this one.
      await users.delete(user.id).catch(() => undefined);
      continue;
    }
    return { user, outcome: 'created' };
  }
  throw new HttpError(503, 'try_again', 'Signing in collided with another sign-in; try again');
}
