import { createSerialQueue } from '../../../shared/async/serial-queue';
import { computeInsights, DEFAULT_WEEKS, type Insights } from '../../../shared/insights';
import { activeResumeId } from '../../../shared/resume/doc/active';
import { validateResumeCouchDoc } from '../../../shared/resume/doc/couch-doc';
import type { Resume } from '../../../shared/resume/doc/resume-doc';
import { resumesDbName } from '../../../shared/resume/doc/sync-url';
import type { Job } from '../../../shared/schema/job';
import { exportCsv } from '../../../shared/transfer/export';
import type { MlEngine } from '../../ml/engine';
import { LruCache } from '../../ml/lru';
import type { SyncDatabases } from '../../storage/types';
import { userDbName } from '../../sync/db-name';
import { forEachJobChunk, RecentDescribed, withoutLongText } from './read-jobs';
import { MAX_JOBS_MATCHED, userSkillGaps, type UserSkillGaps } from './skill-gaps';

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
  /** Matches against the active resume run in the ML engine's worker; cached until the jobs or resumes change. */
  skillGaps(userId: string): Promise<UserSkillGaps & { computedAt: string; cached: boolean }>;
  /** Every job as the extension's CSV export writes it, handed to `write` a chunk of jobs at a time. */
  csv(userId: string, write: (text: string) => Promise<void>): Promise<void>;
}

/** Users whose results are kept; each entry is a few kilobytes of counts. */
const CACHE_ENTRIES = 2_000;
const CACHE_MAX_AGE_MS = 5 * 60_000;

interface Cached {
  seq: string;
  at: number;
  value: Omit<UserInsights, 'cached'> & { active: number };
}

/** Live resumes as replication stores them. */
async function readResumes(db: PouchDB.Database): Promise<Resume[]> {
  const result = await db.allDocs({ include_docs: true });
  const resumes: Resume[] = [];
  for (const row of result.rows) {
    const doc = row.doc as (Record<string, unknown> & { _id: string }) | undefined;
    if (!doc || row.id.startsWith('_') || validateResumeCouchDoc(doc)) continue;
    const { _id, _rev: _r, ...rest } = doc;
    resumes.push({ ...rest, id: _id } as unknown as Resume);
  }
  return resumes;
}

export function createUserAnalytics(databases: SyncDatabases, engine: MlEngine, now: () => Date = () => new Date()): UserAnalytics {
  const cache = new LruCache<Cached>(CACHE_ENTRIES);
  const gapsCache = new LruCache<{ seq: string; value: UserSkillGaps & { computedAt: string } }>(CACHE_ENTRIES);
  // One computation per user and key at a time: a request arriving meanwhile waits and then finds it cached.
  const oneAtATime = createSerialQueue();

  async function withDatabase<T>(name: string, work: (db: PouchDB.Database) => Promise<T>): Promise<T> {
    const lease = await databases.lease(name);
    try {
      return await work(lease.db);
    } finally {
      lease.release();
    }
  }

  async function compute(userId: string, options: AnalyticsOptions): Promise<UserInsights & { active: number }> {
    const key = `${userId}|${options.utcOffsetMinutes}|${options.weeks}`;
    return oneAtATime(`insights|${key}`, () => withDatabase(userDbName(userId), async (db) => {
      // Read before the jobs: a write in between makes the next request recompute, never serve stale.
      const seq = String((await db.info()).update_seq);
      const hit = cache.get(key);
      const at = now();
      if (hit && hit.seq === seq && at.getTime() - hit.at < CACHE_MAX_AGE_MS) return { ...hit.value, cached: true };
      const jobs: Job[] = [];
      await forEachJobChunk(db, (chunk) => {
        for (const job of chunk) jobs.push(withoutLongText(job));
      });
      const value = {
        ...computeInsights(jobs, { now: at, weeks: options.weeks, utcOffsetMinutes: options.utcOffsetMinutes }),
        active: jobs.filter((job) => job.isActive).length,
        computedAt: at.toISOString(),
      };
      cache.set(key, { seq, at: at.getTime(), value });
      return { ...value, cached: false };
    }));
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
    skillGaps(userId) {
      return oneAtATime(`gaps|${userId}`, () => withDatabase(userDbName(userId), (jobsDb) => withDatabase(resumesDbName(userDbName(userId)), async (resumesDb) => {
        const seq = `${String((await jobsDb.info()).update_seq)}|${String((await resumesDb.info()).update_seq)}`;
        const hit = gapsCache.get(userId);
        if (hit && hit.seq === seq) return { ...hit.value, cached: true };
        const jobs: Job[] = [];
        const recent = new RecentDescribed(MAX_JOBS_MATCHED);
        await forEachJobChunk(jobsDb, (chunk) => {
          for (const job of chunk) {
            recent.add(job);
            jobs.push(withoutLongText(job));
          }
        });
        const resumes = await readResumes(resumesDb);
        const activeId = activeResumeId(resumes);
        const inputs = { jobs, recentDescribed: recent.jobs, describedTotal: recent.total };
        const value = { ...(await userSkillGaps(engine, inputs, resumes.find((resume) => resume.id === activeId))), computedAt: now().toISOString() };
        gapsCache.set(userId, { seq, value });
        return { ...value, cached: false };
      })));
    },
    csv(userId, write) {
      return withDatabase(userDbName(userId), async (db) => {
        let first = true;
        await forEachJobChunk(db, async (chunk) => {
          if (!first && chunk.length === 0) return;
          const text = exportCsv(chunk);
          // Each chunk's export starts with the byte-order mark and the header line: only the first keeps them.
          await write(first ? text : text.slice(text.indexOf('\r\n') + 2));
          first = false;
        });
      });
    },
  };
}
