/**
 * npm run admin -- create-owner <email>
 * npm run admin -- reset-second-factor <email>
 *
 * create-owner makes an existing, verified account the owner of this server
 * (see server/admin/owners.ts). Takes no password: the person registers and
 * verifies in the extension first.
 *
 * reset-second-factor removes an admin's or owner's TOTP set-up, for someone
 * who lost both the authenticator and the recovery codes: the console cannot
 * do it for the last owner (nobody resets their own there). They set up a new
 * one at their next admin sign-in.
 *
 * Uses DATA_DIR like the server; the server must be stopped (its databases
 * are locked while it runs). Exit codes: 0 done, 1 refused or failed, 2 usage.
 */
import { z } from 'zod';
import { promoteToOwner, OwnerError } from '../server/admin/owners';
import type { AuditLog } from '../server/audit/log';
import { openServerAuditLog } from '../server/audit/open';
import { createSecondFactorStore } from '../server/auth/second-factor-store';
import { dataDirFrom } from '../server/config';
import { readCouchConfig } from '../server/storage/couch/config';
import { createCouchStorage } from '../server/storage/couch/index';
import { createPouchStorage } from '../server/storage/pouchdb/index';
import type { Storage } from '../server/storage/types';

const USAGE = 'Usage: npm run admin -- create-owner <email>\n       npm run admin -- reset-second-factor <email>';
const COMMANDS = ['create-owner', 'reset-second-factor'];
const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

async function main(argv: string[]): Promise<number> {
  const [command, email, ...rest] = argv;
  if (command === undefined || !COMMANDS.includes(command) || email === undefined || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) {
    console.error(`Not an email address: ${JSON.stringify(email)}\n${USAGE}`);
    return 2;
  }
  const dataDir = dataDirFrom(process.env);
  // With COUCHDB_URL the accounts and the audit log are in CouchDB, as the server keeps them.
  const problems: string[] = [];
  const couch = readCouchConfig((name) => process.env[name]?.trim() || undefined, problems);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    return 2;
  }
  let storage;
  try {
    storage = couch ? await createCouchStorage(couch, (message) => console.error(message)) : await createPouchStorage(dataDir);
  } catch (error) {
    if (couch) {
      console.error(String((error as Error).message ?? error));
      return 1;
    }
    // LevelDB refuses a second opener; anything else is reported as it is.
    const text = String((error as Error).message ?? error);
    console.error(/lock/i.test(text)
      ? `The data directory ${dataDir} is in use: stop the TrackRuit server, then run this again.`
      : `Could not open the data directory ${dataDir}: ${text}`);
    return 1;
  }
  try {
    const audit = await openServerAuditLog(storage, dataDir);
    if (command === 'reset-second-factor') return await resetSecondFactor(storage, audit, parsed.data);
    const result = await promoteToOwner(storage, audit, parsed.data, 'cli');
    console.log(result.status === 'already_owner'
      ? `${result.user.email} is already an owner.`
      : `${result.user.email} is now an owner (was ${result.previousRole}). Recorded in the audit log.`);
    return 0;
  } catch (error) {
    if (error instanceof OwnerError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

async function resetSecondFactor(storage: Storage, audit: AuditLog, email: string): Promise<number> {
  const user = await storage.users.findByEmail(email);
  if (!user) {
    console.error(`No account uses ${email}.`);
    return 1;
  }
  const store = await createSecondFactorStore(storage.openSystemDatabase);
  try {
    if (!(await store.get(user.id))) {
      console.log(`${user.email} has no second factor set up; nothing to reset.`);
      return 0;
    }
    await store.remove(user.id);
  } finally {
    await store.close();
  }
  await audit.append({ action: 'second_factor.reset', actor: { type: 'cli' }, target: { id: user.id, email: user.email } });
  console.log(`${user.email}'s second factor is removed; they set up a new one at their next admin sign-in. Recorded in the audit log.`);
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  console.error('admin failed:', error);
  process.exit(1);
});
