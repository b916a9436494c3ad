import type { AuditLog } from '../audit/log';
import type { Storage, UserRecord } from '../storage/types';

/**
 * Making an owner from outside the HTTP API (the command line, the
 * environment). Nothing here takes a password on the command line: the CLI
 * only promotes an account its person already registered and verified.
 */

export class OwnerError extends Error {
  constructor(readonly code: 'no_account' | 'not_verified', message: string) {
    super(message);
    this.name = 'OwnerError';
  }
}

export type PromoteResult = { status: 'promoted' | 'already_owner'; user: UserRecord; previousRole: UserRecord['role'] };

/**
 * Makes an existing, verified account an owner and writes it to the audit
 * log. An unverified account is refused: whoever typed the address first
 * holds its password, not necessarily the address's owner.
 */
export async function promoteToOwner(storage: Storage, audit: AuditLog, email: string, via: 'cli' | 'env'): Promise<PromoteResult> {
  const found = await storage.users.findByEmail(email);
  if (!found) {
    throw new OwnerError('no_account', `No account uses ${email}. Register it in the extension (or POST /api/auth/register), enter the emailed code, then run this again.`);
  }
  if (!found.emailVerified) {
    throw new OwnerError('not_verified', `The account ${email} has not confirmed its email address yet. Enter the emailed code (or reset its password), then run this again.`);
  }
  if (found.role === 'owner') return { status: 'already_owner', user: found, previousRole: 'owner' };
  const updated = await storage.users.update(found.id, (current) => ({ ...current, role: 'owner', permissions: [] }));
  if (!updated) throw new OwnerError('no_account', `The account ${email} was deleted meanwhile.`);
  await audit.append({
    action: 'owner.created',
    actor: { type: via },
    target: { id: updated.id, email: updated.email },
    details: { via, previousRole: found.role, accountCreated: false },
  });
  return { status: 'promoted', user: updated, previousRole: found.role };
}

export async function listOwners(storage: Storage): Promise<UserRecord[]> {
  return (await storage.users.listPrivileged()).filter((user) => user.role === 'owner');
}
