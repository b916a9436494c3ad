/**
 * npm run admin -- create-owner <email>
 *
 * Makes an existing, verified account the owner of this server (see
 * server/admin/owners.ts). Takes no password: the person registers and
 * verifies in the extension first. Uses DATA_DIR like the server; the server
 * must be stopped (its databases are locked while it runs).
 * Exit codes: 0 done, 1 refused or failed, 2 usage.
 */
import { z } from 'zod';
import { promoteToOwner, OwnerError } from '../server/admin/owners';
import { openAuditLog } from '../server/audit/log';
import { dataDirFrom } from '../server/config';
import { createPouchStorage } from '../server/storage/pouchdb/index';

const USAGE = 'Usage: npm run admin -- create-owner <email>';
const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

async function main(argv: string[]): Promise<number> {
  const [command, email, ...rest] = argv;
  if (command !== 'create-owner' || email === undefined || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) {
    console.error(`Not an email address: ${JSON.stringify(email)}\n${USAGE}`);
    return 2;
  }
  const dataDir = dataDirFrom(process.env);
  let storage;
  try {
    storage = await createPouchStorage(dataDir);
  } catch (error) {
    // LevelDB refuses a second opener; anything else is reported as it is.
    const text = String((error as Error).message ?? error);
    console.error(/lock/i.test(text)
      ? `The data directory ${dataDir} is in use: stop the TrackRuit server, then run this again.`
      : `Could not open the data directory ${dataDir}: ${text}`);
    return 1;
  }
  try {
    const audit = await openAuditLog(dataDir);
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

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  console.error('admin failed:', error);
  process.exit(1);
});
