import { createSerialQueue } from '../../shared/async/serial-queue';
import { HttpError } from '../errors';
import type { Storage, UserRecord } from '../storage/types';
import { listOwners } from './owners';

/** Runs changes to accounts that the last-owner check guards one at a time, whichever route makes them. */
export type AccountChanges = <T>(task: () => Promise<T>) => Promise<T>;

export function createAccountChanges(): AccountChanges {
  const queue = createSerialQueue();
  return (task) => queue('accounts', task);
}

/**
 * The acting admin as stored now, read inside the queue: their rights may
 * have been taken away, or their account disabled or deleted, since their
 * token was checked (a change queued behind another can be the one that did it).
 */
export async function currentActor(storage: Storage, id: string): Promise<UserRecord> {
  const actor = await storage.users.findById(id);
  if (!actor || actor.disabledAt) throw new HttpError(401, 'invalid_token', 'Access token is invalid or expired');
  return actor;
}

/**
 * The owner count the last-owner rule weighs a change to `target` against:
 * the owners who can act (a disabled owner cannot sign in, so it does not keep
 * the server administered), plus the target when it is a disabled owner
 * (removing it takes no acting owner away).
 */
export async function ownerCountFor(storage: Storage, target: UserRecord): Promise<number> {
  const acting = (await listOwners(storage)).filter((owner) => !owner.disabledAt).length;
  return target.role === 'owner' && target.disabledAt ? acting + 1 : acting;
}
