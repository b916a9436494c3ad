import { decideRoleChange, type RoleAssignment } from '../../shared/admin/permissions';
import type { AuditLog } from '../audit/log';
import { HttpError } from '../errors';
import type { Storage, UserRecord } from '../storage/types';
import { currentActor, ownerCountFor, type AccountChanges } from './account-changes';

/**
 * Changing an account's role and permissions on an admin's request: the
 * rules of shared/admin/permissions.ts against the records as stored now,
 * every outcome (refusals too) in the audit log.
 */

export interface RoleService {
  change(actor: UserRecord, targetId: string, next: RoleAssignment): Promise<UserRecord>;
}

const sameAssignment = (a: RoleAssignment, b: RoleAssignment) =>
  a.role === b.role && a.permissions.length === b.permissions.length && a.permissions.every((permission) => b.permissions.includes(permission));

/**
 * `accountChanges` is the queue every change that the last-owner check guards
 * goes through (role changes here, disabling and deleting in users-service):
 * one at a time, so an owner demoting another while that one disables the
 * first cannot both pass the check and leave no owner. One server process
 * owns a data directory, so in-process is enough.
 */
export function createRoleService(storage: Storage, audit: AuditLog, accountChanges: AccountChanges): RoleService {
  async function change(actorAtRequest: UserRecord, targetId: string, next: RoleAssignment): Promise<UserRecord> {
    // Re-read: the actor's own rights may have been taken away since their token was checked.
    const actor = await currentActor(storage, actorAtRequest.id);
    const target = await storage.users.findById(targetId);
    if (!target) throw new HttpError(404, 'not_found', 'No such user');
    const actorRef = { type: 'user' as const, id: actor.id, email: actor.email };
    const targetRef = { id: target.id, email: target.email };
    const decision = decideRoleChange({ actor, target, next, ownerCount: await ownerCountFor(storage, target) });
    if (!decision.allowed) {
      await audit.append({ action: 'role.change_refused', actor: actorRef, target: targetRef, details: { reason: decision.reason, toRole: next.role, toPermissions: next.permissions } });
      throw new HttpError(decision.reason === 'last_owner' ? 409 : 403, decision.reason, decision.message);
    }
    if (sameAssignment(target, next)) return target;
    const updated = await storage.users.update(target.id, (current) => ({ ...current, role: next.role, permissions: next.role === 'admin' ? next.permissions : [] }));
    if (!updated) throw new HttpError(404, 'not_found', 'No such user');
    await audit.append({
      action: 'role.changed',
      actor: actorRef,
      target: targetRef,
      details: { fromRole: target.role, toRole: updated.role, fromPermissions: target.permissions, toPermissions: updated.permissions },
    });
    return updated;
  }

  return {
    change(actor, targetId, next) {
      return accountChanges(() => change(actor, targetId, next));
    },
  };
}
