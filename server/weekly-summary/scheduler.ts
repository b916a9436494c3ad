import crypto from 'node:crypto';
import type { Job } from '../../shared/schema/job';
import { wantsWeeklySummary } from '../../shared/account/preferences';
import { summarisedWeek, weeklySummaryOf, type WeeklySummary } from '../../shared/insights/weekly-summary';
import { forEachJobChunk, withoutLongText } from '../analytics/user/read-jobs';
import type { Mailer } from '../mail/mailer';
import { weeklySummaryMail } from '../mail/templates';
import type { SyncDatabases, UserRecord, UserStore } from '../storage/types';
import { userDbName } from '../sync/db-name';
import { claimKey, type SummaryClaims } from './claims';
import type { WeeklySummarySettings } from './settings';
import type { UnsubscribeLinks } from './unsubscribe-link';

/**
 * Sends each opted-in user their weekly summary once per week. Every pass
 * walks the accounts, and for each one that wants the mail claims the
 * (summarised week, user) key in the shared claims store before reading their
 * jobs: whichever instance wins sends, the others skip (claims.ts).
 */

/** Weeks of claims kept before they are forgotten. */
const CLAIMS_KEPT_WEEKS = 8;
const USERS_PAGE = 500;
/** Leaves start-up (index building, catch-up of analytics) its CPU first. */
const FIRST_PASS_AFTER_MS = 60_000;

export interface WeeklySummaryDeps {
  users: UserStore;
  databases: SyncDatabases;
  claims: SummaryClaims;
  mailer: Mailer;
  links: UnsubscribeLinks;
  settings: WeeklySummarySettings;
  log: (message: string, error?: unknown) => void;
  now?: () => number;
  /** Names this instance in its claims; random by default. */
  instanceId?: string;
}

export interface WeeklySummaryScheduler {
  /** One pass now; resolves with how many mails this instance sent. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
}

/** The shared claims store failed: nothing may be sent, for anyone, until it answers again. */
class ClaimsUnavailable extends Error {
  constructor(cause: unknown) {
    super('claims store unavailable', { cause });
  }
}

function mailable(user: UserRecord): boolean {
  return wantsWeeklySummary(user.preferences) && user.emailVerified && !user.disabledAt && !user.deletionStartedAt;
}

export function createWeeklySummaryScheduler(deps: WeeklySummaryDeps): WeeklySummaryScheduler {
  const now = deps.now ?? (() => Date.now());
  const owner = deps.instanceId ?? crypto.randomUUID();
  let running: Promise<number> | undefined;
  let stopped = false;

  async function summaryOf(userId: string, at: number): Promise<WeeklySummary> {
    const name = userDbName(userId);
    const jobs: Job[] = [];
    if (await deps.databases.exists(name)) {
      const lease = await deps.databases.lease(name);
      try {
        await forEachJobChunk(lease.db, (chunk) => {
          for (const job of chunk) jobs.push(withoutLongText(job));
        });
      } finally {
        lease.release();
      }
    }
    return weeklySummaryOf(jobs, at);
  }

  async function sendTo(user: UserRecord, week: string, at: number): Promise<boolean> {
    const key = claimKey(week, user.id);
    let claimed: boolean;
    try {
      claimed = await deps.claims.claim(key, owner, deps.settings.leaseMs);
    } catch (error) {
      throw new ClaimsUnavailable(error);
    }
    if (!claimed) return false;
    try {
      // Read again after the claim: a user who turned the mail off meanwhile gets none.
      const current = await deps.users.findById(user.id);
      if (!current || !mailable(current)) {
        await deps.claims.release(key, owner);
        return false;
      }
      const summary = await summaryOf(current.id, at);
      await deps.mailer.deliver(current.email, weeklySummaryMail(current.name, summary, deps.links.url(current.id)));
    } catch (error) {
      await deps.claims.release(key, owner).catch(() => undefined);
      throw error;
    }
    await deps.claims.markSent(key, owner);
    return true;
  }

  async function pass(): Promise<number> {
    const at = now();
    const week = summarisedWeek(at);
    let sent = 0;
    for await (const page of deps.users.scan(USERS_PAGE)) {
      for (const user of page) {
        if (stopped) return sent;
        if (!mailable(user)) continue;
        try {
          if (await sendTo(user, week.label, at)) sent += 1;
        } catch (error) {
          // Without claims nobody can send safely: one line, and the next pass starts over.
          if (error instanceof ClaimsUnavailable) {
            deps.log('Weekly summary pass stopped: the claims store is unavailable; the next pass tries again', error.cause);
            return sent;
          }
          deps.log(`Weekly summary for user ${user.id} not sent; the next pass tries again`, error);
        }
      }
    }
    await deps.claims.forgetBefore(summarisedWeek(at - CLAIMS_KEPT_WEEKS * 7 * 86_400_000).label);
    return sent;
  }

  function runOnce(): Promise<number> {
    // One pass at a time per instance; a timer firing during a long pass joins it.
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  const tick = () => {
    runOnce().catch((error: unknown) => deps.log('Weekly summary pass failed', error));
  };
  // The first pass soon after start, not a whole interval later: a server restarted more often
  // than that (deploys) would otherwise never send.
  let timer: NodeJS.Timeout = setTimeout(() => {
    tick();
    timer = setInterval(tick, deps.settings.checkMs);
    timer.unref();
  }, Math.min(deps.settings.checkMs, FIRST_PASS_AFTER_MS));
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      // Node clears a timeout and an interval alike.
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
