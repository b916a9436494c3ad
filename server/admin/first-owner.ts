import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords';
import type { AuditLog } from '../audit/log';
import { newUserRecord } from '../storage/new-user';
import { isConflict, isNotFound } from '../storage/pouchdb/errors';
import type { Storage } from '../storage/types';
import { listOwners, promoteToOwner } from './owners';

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD: the first owner, on the first start only.
 * Once done (or once an owner already existed), DATA_DIR/first-owner.json
 * (with COUCHDB_URL: a document every instance reads) records it and the
 * variables are ignored from then on, so a password left in the environment
 * can never re-create or take over an owner later.
 */

const markerSchema = z.object({ at: z.string(), email: z.string(), outcome: z.enum(['created', 'promoted', 'owner_existed']) });
export type FirstOwnerOutcome = z.infer<typeof markerSchema>['outcome'] | 'already_done';

export const firstOwnerMarker = (dataDir: string) => path.join(dataDir, 'first-owner.json');

/** With COUCHDB_URL the marker is a document here, so every instance reads the same one. */
export const FIRST_OWNER_DATABASE = 'server_settings';
export const FIRST_OWNER_DOC_ID = 'first-owner';
/** A claim older than this, never finished, was left by an instance that stopped midway: another may take it over. */
const STALE_CLAIM_MS = 5 * 60 * 1000;

type Marker = z.infer<typeof markerSchema>;

/**
 * Where "the first owner is settled" is recorded. `claim` answers the marker
 * when it is settled (or being settled by another instance), else reserves
 * the right to settle it; `finish` records the outcome; `release` gives the
 * reservation back after a failure.
 */
interface MarkerStore {
  where: string;
  claim(): Promise<{ settled: Marker | 'elsewhere' } | { claimed: true }>;
  finish(marker: Marker): Promise<void>;
  release(): Promise<void>;
}

async function readMarker(file: string): Promise<Marker | null> {
  try {
    return markerSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Present but unreadable still means "it happened": refusing is the safe reading.
    return { at: 'unknown', email: 'unknown', outcome: 'owner_existed' };
  }
}

/** DATA_DIR/first-owner.json: one process owns a data directory, so reading it is claiming it. */
function fileMarkers(dataDir: string): MarkerStore {
  const file = firstOwnerMarker(dataDir);
  return {
    where: file,
    async claim() {
      const marker = await readMarker(file);
      return marker ? { settled: marker } : { claimed: true };
    },
    finish: (marker) => fs.writeFile(file, `${JSON.stringify(marker)}\n`, { mode: 0o600 }),
    release: async () => undefined,
  };
}

type MarkerDoc = { _id: string; _rev?: string; claimedAt: string } & ({ state: 'claimed' } | ({ state: 'settled' } & Marker));

/**
 * One document, created without a revision: when instances start at once,
 * CouchDB lets one create it (409 for the others), so one makes the owner.
 */
export function databaseMarkers(db: PouchDB.Database<MarkerDoc>): MarkerStore {
  let rev: string | undefined;
  return {
    where: `the ${FIRST_OWNER_DATABASE} database`,
    async claim() {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const current = await db.get(FIRST_OWNER_DOC_ID).catch((error: unknown) => {
          if (isNotFound(error)) return null;
          throw error;
        });
        if (current?.state === 'settled') {
          const marker = markerSchema.safeParse(current);
          return { settled: marker.success ? marker.data : { at: 'unknown', email: 'unknown', outcome: 'owner_existed' } };
        }
        if (current && Date.now() - Date.parse(current.claimedAt) < STALE_CLAIM_MS) return { settled: 'elsewhere' };
        try {
          // Taking over a stale claim replaces it at its revision: two instances doing so at once, one wins.
          const written = await db.put({ _id: FIRST_OWNER_DOC_ID, ...(current?._rev ? { _rev: current._rev } : {}), state: 'claimed', claimedAt: new Date().toISOString() });
          rev = written.rev;
          return { claimed: true };
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      return { settled: 'elsewhere' };
    },
    async finish(marker) {
      const written = await db.put({ _id: FIRST_OWNER_DOC_ID, ...(rev ? { _rev: rev } : {}), state: 'settled', claimedAt: marker.at, ...marker });
      rev = written.rev;
    },
    async release() {
      if (rev) await db.remove(FIRST_OWNER_DOC_ID, rev).catch(() => undefined);
      rev = undefined;
    },
  };
}

export async function createFirstOwnerFromEnv(options: {
  storage: Storage;
  audit: AuditLog;
  dataDir: string;
  admin: { email: string; password: string };
  log: (message: string) => void;
}): Promise<FirstOwnerOutcome> {
  const { storage, audit, dataDir, admin, log } = options;
  const markers = storage.shared ? databaseMarkers(await storage.openSystemDatabase<MarkerDoc>(FIRST_OWNER_DATABASE)) : fileMarkers(dataDir);
  const claim = await markers.claim();
  if ('settled' in claim) {
    log(claim.settled === 'elsewhere'
      ? 'ADMIN_EMAIL/ADMIN_PASSWORD are ignored here: another instance is creating the first owner now.'
      : `ADMIN_EMAIL/ADMIN_PASSWORD are ignored: the first owner was settled on ${claim.settled.at} (${markers.where}). Remove them from the environment.`);
    return 'already_done';
  }
  let outcome: Marker['outcome'];
  try {
    outcome = await settleFirstOwner(storage, audit, admin, log);
  } catch (error) {
    await markers.release();
    throw error;
  }
  await markers.finish({ at: new Date().toISOString(), email: admin.email, outcome });
  return outcome;
}

async function settleFirstOwner(storage: Storage, audit: AuditLog, admin: { email: string; password: string }, log: (message: string) => void): Promise<Marker['outcome']> {
  if ((await listOwners(storage)).length > 0) {
    await audit.append({ action: 'owner.bootstrap_skipped', actor: { type: 'env' }, details: { reason: 'an owner already exists' } });
    log('ADMIN_EMAIL/ADMIN_PASSWORD are ignored: this server already has an owner.');
    return 'owner_existed';
  }
  const existing = await storage.users.findByEmail(admin.email);
  if (existing && !existing.emailVerified) {
    // A pending registration of the address, maybe by someone else: the operator's
    // password replaces theirs (which also makes their emailed code useless: codes bind to it).
    const passwordHash = await hashPassword(admin.password);
    await storage.users.update(existing.id, (current) => ({ ...current, passwordHash, emailVerified: true, passwordChangedAt: new Date().toISOString() }));
  }
  if (existing) {
    await promoteToOwner(storage, audit, admin.email, 'env');
    log(`${admin.email} is now the owner${existing.emailVerified ? ' (an existing account: it keeps its own password, ADMIN_PASSWORD is not used)' : ''}.`);
    return 'promoted';
  }
  const user = { ...newUserRecord({ email: admin.email, name: admin.email.split('@')[0] ?? 'Owner', passwordHash: await hashPassword(admin.password), emailVerified: true }), role: 'owner' as const };
  if ((await storage.users.create(user)) === 'email_taken') throw new Error(`ADMIN_EMAIL ${admin.email} was registered at the same moment; start again`);
  await audit.append({ action: 'owner.created', actor: { type: 'env' }, target: { id: user.id, email: user.email }, details: { via: 'env', previousRole: null, accountCreated: true } });
  log(`Created the owner account ${admin.email} from ADMIN_EMAIL/ADMIN_PASSWORD.`);
  return 'created';
}
