import { computeInsights, DEFAULT_WEEKS, type Insights } from '../../../shared/insights';
import { skillGaps, type SkillGaps } from '../../../shared/insights/skill-gaps';
import { validateJobCouchDoc } from '../../../shared/schema/job-doc';
import type { Job } from '../../../shared/schema/job';
import { upgradeJobDoc } from '../../../shared/schema/upgrade';
import { exportCsv } from '../../../shared/transfer/export';
import { LruCache } from '../../ml/lru';
import type { SyncDatabases } from '../../storage/types';
import { userDbName } from '../../sync/db-name';

/**
 * A user's own analytics, computed on the server with the functions the
 * extension's Insights page runs (shared/insights), over the database their
 * devices replicate. Results are cached per user and options, keyed by the
 * database's update sequence, so any change the user makes (from a device,
 * sync or this API) is seen by the next request; the cache also ages out,
 * because "the last 12 weeks" move with the clock.
 */

export interface AnalyticsOptions {
  /** The user's offset from UTC in minutes, so weeks start on their Monday. */
  utcOffsetMinutes: number;
  weeks: number;
}

export interface UserInsights extends Insights {
  skillGaps: SkillGaps;
  computedAt: string;
  /** Whether this answer came from the cache (the user's jobs unchanged since it was computed). */
  cached: boolean;
}

export interface JobStats {
  total: number;
  active: number;
  statuses: Insights['statusBreakdown']['statuses'];
  bySite: Insights['bySite'];
  responseRate: Insights['responseRate'];
}

export interface UserAnalytics {
  insights(userId: string, options: AnalyticsOptions): Promise<UserInsights>;
  stats(userId: string): Promise<JobStats>;
  /** Every job as the extension's CSV export writes it. */
  csv(userId: string): Promise<string>;
}

/** Users whose results are kept; each entry is a few kilobytes of counts. */
const CACHE_ENTRIES = 2_000;
const CACHE_MAX_AGE_MS = 5 * 60_000;

interface Cached {
  seq: string;
  at: number;
  value: Omit<UserInsights, 'cached'> & { active: number };
}

/** Live jobs as the extension reads them: current schema version, never a document replication would refuse. */
async function readJobs(db: PouchDB.Database): Promise<Job[]> {
  const result = await db.allDocs({ include_docs: true });
  const jobs: Job[] = [];
  for (const row of result.rows) {
    const doc = row.doc as (Record<string, unknown> & { _id: string }) | undefined;
    if (!doc || row.id.startsWith('_') || validateJobCouchDoc(doc)) continue;
    const { _id, _rev: _r, ...rest } = doc;
    jobs.push(upgradeJobDoc({ ...rest, id: _id }) as unknown as Job);
  }
  return jobs;
}

export function createUserAnalytics(databases: SyncDatabases, now: () => Date = () => new Date()): UserAnalytics {
  const cache = new LruCache<Cached>(CACHE_ENTRIES);

  async function withJobs<T>(userId: string, work: (db: PouchDB.Database) => Promise<T>): Promise<T> {
    const lease = await databases.lease(userDbName(userId));
    try {
      return await work(lease.db);
    } finally {
      lease.release();
    }
  }

  async function compute(userId: string, options: AnalyticsOptions): Promise<UserInsights & { active: number }> {
    const key = `${userId}|${options.utcOffsetMinutes}|${options.weeks}`;
    return withJobs(userId, async (db) => {
      // Read before the jobs: a write in between makes the next request recompute, never serve stale.
      const seq = String((await db.info()).update_seq);
      const hit = cache.get(key);
      const at = now();
      if (hit && hit.seq === seq && at.getTime() - hit.at < CACHE_MAX_AGE_MS) return { ...hit.value, cached: true };
      const jobs = await readJobs(db);
      const value = {
        ...computeInsights(jobs, { now: at, weeks: options.weeks, utcOffsetMinutes: options.utcOffsetMinutes }),
        skillGaps: skillGaps(jobs),
        active: jobs.filter((job) => job.isActive).length,
        computedAt: at.toISOString(),
      };
      cache.set(key, { seq, at: at.getTime(), value });
      return { ...value, cached: false };
    });
  }

  return {
    async insights(userId, options) {
      const { active: _active, ...insights } = await compute(userId, options);
      return insights;
    },
    async stats(userId) {
      const insights = await compute(userId, { utcOffsetMinutes: 0, weeks: DEFAULT_WEEKS });
      return {
        total: insights.statusBreakdown.total,
        active: insights.active,
        statuses: insights.statusBreakdown.statuses,
        bySite: insights.bySite,
        responseRate: insights.responseRate,
      };
    },
    csv(userId) {
      return withJobs(userId, async (db) => exportCsv(await readJobs(db)));
    },
  };
}
