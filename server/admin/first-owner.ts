import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords';
import type { AuditLog } from '../audit/log';
import { newUserRecord } from '../storage/new-user';
import type { Storage } from '../storage/types';
import { listOwners, promoteToOwner } from './owners';

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD: the first owner, on the first start only.
 * Once done (or once an owner already existed), DATA_DIR/first-owner.json
 * records it and the variables are ignored from then on, so a password left
 * in the environment can never re-create or take over an owner later.
 */

const markerSchema = z.object({ at: z.string(), email: z.string(), outcome: z.enum(['created', 'promoted', 'owner_existed']) });
export type FirstOwnerOutcome = z.infer<typeof markerSchema>['outcome'] | 'already_done';

export const firstOwnerMarker = (dataDir: string) => path.join(dataDir, 'first-owner.json');

async function readMarker(file: string): Promise<z.infer<typeof markerSchema> | null> {
  try {
    return markerSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Present but unreadable still means "it happened": refusing is the safe reading.
    return { at: 'unknown', email: 'unknown', outcome: 'owner_existed' };
  }
}

export async function createFirstOwnerFromEnv(options: {
  storage: Storage;
  audit: AuditLog;
  dataDir: string;
  admin: { email: string; password: string };
  log: (message: string) => void;
}): Promise<FirstOwnerOutcome> {
  const { storage, audit, dataDir, admin, log } = options;
  const file = firstOwnerMarker(dataDir);
  const marker = await readMarker(file);
  if (marker) {
    log(`ADMIN_EMAIL/ADMIN_PASSWORD are ignored: the first owner was settled on ${marker.at} (${file}). Remove them from the environment.`);
    return 'already_done';
  }

  let outcome: z.infer<typeof markerSchema>['outcome'];
  if ((await listOwners(storage)).length > 0) {
    outcome = 'owner_existed';
    await audit.append({ action: 'owner.bootstrap_skipped', actor: { type: 'env' }, details: { reason: 'an owner already exists' } });
    log('ADMIN_EMAIL/ADMIN_PASSWORD are ignored: this server already has an owner.');
  } else {
    const existing = await storage.users.findByEmail(admin.email);
    if (existing && !existing.emailVerified) {
      // A pending registration of the address, maybe by someone else: the operator's
      // password replaces theirs (which also makes their emailed code useless: codes bind to it).
      const passwordHash = await hashPassword(admin.password);
      await storage.users.update(existing.id, (current) => ({ ...current, passwordHash, emailVerified: true, passwordChangedAt: new Date().toISOString() }));
    }
    if (existing) {
      await promoteToOwner(storage, audit, admin.email, 'env');
      outcome = 'promoted';
      log(`${admin.email} is now the owner${existing.emailVerified ? ' (an existing account: it keeps its own password, ADMIN_PASSWORD is not used)' : ''}.`);
    } else {
      const user = { ...newUserRecord({ email: admin.email, name: admin.email.split('@')[0] ?? 'Owner', passwordHash: await hashPassword(admin.password), emailVerified: true }), role: 'owner' as const };
      if ((await storage.users.create(user)) === 'email_taken') throw new Error(`ADMIN_EMAIL ${admin.email} was registered at the same moment; start again`);
      await audit.append({ action: 'owner.created', actor: { type: 'env' }, target: { id: user.id, email: user.email }, details: { via: 'env', previousRole: null, accountCreated: true } });
      outcome = 'created';
      log(`Created the owner account ${admin.email} from ADMIN_EMAIL/ADMIN_PASSWORD.`);
    }
  }
  await fs.writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), email: admin.email, outcome })}\n`, { mode: 0o600 });
  return outcome;
}
