import { decideAccountAction, type AccountAction } from '../../shared/admin/permissions';
import type { UserDirectory, UserPage, UserQuery, UserStats, UserSummary } from '../../shared/admin/user-directory';
import { RESUMES_DB_SUFFIX } from '../../shared/resume/doc/sync-url';
import type { AccountService } from '../account/service';
import type { AuditLog } from '../audit/log';
import type { SecondFactorService } from '../auth/second-factor';
import type { AuthService } from '../auth/service';
import type { DeviceStore } from '../devices/store';
import { HttpError } from '../errors';
import type { FileStore } from '../files/file-store';
import type { Storage, UserRecord } from '../storage/types';
import { userDbName } from '../sync/db-name';
import { currentActor, ownerCountFor, type AccountChanges } from './account-changes';
import { summarise } from './user-index';

/**
 * What the admin console does to accounts, each step checked against the
 * rules of shared/admin/permissions.ts with the records as stored now, and
 * written to the audit log (refusals too). A user's detail holds counts and
 * sizes only: nothing here reads a document's content.
 */

export interface UserDetail {
  /** The directory's summary of the account, with what only its own page shows. */
  user: UserSummary & {
    disabledAt: string | null;
    hasPassword: boolean;
    signsInWithOidc: boolean;
    secondFactorEnrolled: boolean;
  };
  counts: { applications: number; resumes: number; devices: number; resumeFiles: number };
  storage: { databaseBytes: number; fileBytes: number; totalBytes: number };
  devices: { id: string; name: string; createdAt: string }[];
}

export interface UserPatch {
  name?: string | undefined;
  emailVerified?: true | undefined;
  disabled?: boolean | undefined;
}

export interface UsersService {
  list(query: UserQuery): UserPage;
  stats(): UserStats;
  detail(id: string): Promise<UserDetail>;
  update(actor: UserRecord, id: string, patch: UserPatch): Promise<UserDetail['user']>;
  remove(actor: UserRecord, id: string): Promise<void>;
  signOutEverywhere(actor: UserRecord, id: string): Promise<void>;
  sendPasswordReset(actor: UserRecord, id: string): Promise<void>;
  resetSecondFactor(actor: UserRecord, id: string): Promise<void>;
}

const notFound = () => new HttpError(404, 'not_found', 'No such user');

export function createUsersService(options: {
  storage: Storage;
  directory: UserDirectory;
  audit: AuditLog;
  auth: AuthService;
  account: AccountService;
  secondFactor: SecondFactorService;
  devices: Pick<DeviceStore, 'list'>;
  files: Pick<FileStore, 'list'>;
  accountChanges: AccountChanges;
}): UsersService {
  const { storage, directory, audit, auth, account, secondFactor } = options;
  // One change at a time, in the same queue as role changes: two owners disabling or demoting each other must not both pass the last-owner check.
  const serial = options.accountChanges;

  async function countDocs(name: string): Promise<{ docs: number; bytes: number }> {
    if (!(await storage.syncDatabases.exists(name))) return { docs: 0, bytes: 0 };
    const lease = await storage.syncDatabases.lease(name);
    try {
      const info = await lease.db.info();
      return { docs: info.doc_count, bytes: await storage.syncDatabases.storedBytes(name) };
    } finally {
      lease.release();
    }
  }

  async function profileOf(user: UserRecord): Promise<UserDetail['user']> {
    return {
      ...summarise(user),
      disabledAt: user.disabledAt ?? null,
      hasPassword: user.passwordHash !== null,
      signsInWithOidc: Boolean(user.oidc),
      secondFactorEnrolled: user.role === 'user' ? false : await secondFactor.isEnrolled(user.id),
    };
  }

  /** Re-reads actor and target, decides, audits a refusal; returns both as stored now. */
  async function authorise(actorAtRequest: UserRecord, id: string, action: AccountAction): Promise<{ actor: UserRecord; target: UserRecord }> {
    const actor = await currentActor(storage, actorAtRequest.id);
    const target = await storage.users.findById(id);
    if (!target) throw notFound();
    const decision = decideAccountAction({ actor, target, action, ownerCount: target.role === 'owner' ? await ownerCountFor(storage, target) : 0 });
    if (!decision.allowed) {
      await audit.append({ action: 'user.action_refused', actor: actorRef(actor), target: targetRef(target), details: { attempted: action, reason: decision.reason } });
      throw new HttpError(decision.reason === 'last_owner' ? 409 : 403, decision.reason, decision.message);
    }
    return { actor, target };
  }

  const actorRef = (user: UserRecord) => ({ type: 'user' as const, id: user.id, email: user.email });
  const targetRef = (user: UserRecord) => ({ id: user.id, email: user.email });

  return {
    list: (query) => directory.search(query),
    stats: () => directory.stats(),

    async detail(id) {
      const user = await storage.users.findById(id);
      if (!user) throw notFound();
      const main = userDbName(user.id);
      const [jobs, resumes, devices, files] = await Promise.all([
        countDocs(main),
        countDocs(`${main}${RESUMES_DB_SUFFIX}`),
        options.devices.list(user.id),
        options.files.list(user.id),
      ]);
      const fileBytes = files.reduce((sum, file) => sum + file.size, 0);
      const databaseBytes = jobs.bytes + resumes.bytes;
      return {
        user: await profileOf(user),
        counts: { applications: jobs.docs, resumes: resumes.docs, devices: devices.length, resumeFiles: files.length },
        storage: { databaseBytes, fileBytes, totalBytes: databaseBytes + fileBytes },
        devices: devices.map((device) => ({ id: device.id, name: device.name, createdAt: device.createdAt })),
      };
    },

    update(actorAtRequest, id, patch) {
      return serial(async () => {
        const steps: { action: AccountAction; wanted: boolean }[] = [
          { action: 'rename', wanted: patch.name !== undefined },
          { action: 'verify', wanted: patch.emailVerified === true },
          { action: 'disable', wanted: patch.disabled === true },
          { action: 'enable', wanted: patch.disabled === false },
        ];
        let actor = actorAtRequest;
        let before: UserRecord | null = null;
        for (const step of steps.filter((entry) => entry.wanted)) ({ actor, target: before } = await authorise(actor, id, step.action));
        if (!before) throw new HttpError(400, 'validation_failed', 'Nothing to change: send name, emailVerified or disabled');
        const now = new Date().toISOString();
        const updated = await storage.users.update(id, (current) => ({
          ...current,
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.emailVerified ? { emailVerified: true } : {}),
          ...(patch.disabled === true && !current.disabledAt ? { disabledAt: now } : {}),
          ...(patch.disabled === false ? { disabledAt: undefined } : {}),
        }));
        if (!updated) throw notFound();
        // A disabled account's refresh tokens go too; its access tokens already fail (tokenStillValid).
        if (patch.disabled === true) await storage.refreshTokens.revokeAllForUser(id);
        const ref = { actor: actorRef(actor), target: targetRef(updated) };
        if (patch.name !== undefined && patch.name !== before.name) await audit.append({ action: 'user.updated', ...ref, details: { field: 'name' } });
        if (patch.emailVerified && !before.emailVerified) await audit.append({ action: 'user.verified', ...ref });
        if (patch.disabled === true && !before.disabledAt) await audit.append({ action: 'user.disabled', ...ref });
        if (patch.disabled === false && before.disabledAt) await audit.append({ action: 'user.enabled', ...ref });
        return profileOf(updated);
      });
    },

    remove(actorAtRequest, id) {
      return serial(async () => {
        const { actor, target } = await authorise(actorAtRequest, id, 'delete');
        await account.delete(target);
        await secondFactor.remove(target.id);
        await audit.append({ action: 'user.deleted', actor: actorRef(actor), target: targetRef(target), details: { role: target.role } });
      });
    },

    async signOutEverywhere(actorAtRequest, id) {
      const { actor, target } = await authorise(actorAtRequest, id, 'sign_out_everywhere');
      await auth.logoutAll(target);
      await audit.append({ action: 'user.signed_out_everywhere', actor: actorRef(actor), target: targetRef(target) });
    },

    async sendPasswordReset(actorAtRequest, id) {
      const { actor, target } = await authorise(actorAtRequest, id, 'send_password_reset');
      // The same flow as "forgot password": a code mailed to the person, never shown to the admin.
      await auth.forgotPassword({ email: target.email });
      await audit.append({ action: 'user.password_reset_sent', actor: actorRef(actor), target: targetRef(target) });
    },

    async resetSecondFactor(actorAtRequest, id) {
      const { actor, target } = await authorise(actorAtRequest, id, 'reset_second_factor');
      await secondFactor.remove(target.id);
      await audit.append({ action: 'second_factor.reset', actor: actorRef(actor), target: targetRef(target) });
    },
  };
}
