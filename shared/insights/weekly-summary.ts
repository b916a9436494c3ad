import type { Job } from '../schema/job';
import { parseIsoMs } from './iso-time';
import { dayNumber, isoWeekLabel, mondayOf } from './iso-week';
import { factsOf } from './job-facts';
import { DAY_MS } from './options';

/**
 * The weekly summary mail's numbers (issue 16), from the same job facts as
 * Insights. The mail sent during a week covers the whole week before it
 * (Monday to Monday, UTC: the server knows no one's time zone), so the
 * numbers do not depend on the hour the scheduler happened to run, and lists
 * the follow-ups due in the seven days after it is computed.
 */

export interface SummarisedWeek {
  /** ISO week label of the week summarised, e.g. "2026-W49": the key of "sent once per week". */
  label: string;
  fromMs: number;
  toMs: number;
}

export interface FollowUpDue {
  title: string;
  company: string;
  followUpAt: string;
}

export interface WeeklySummary {
  week: string;
  /** `YYYY-MM-DD` of the week's Monday and Sunday. */
  from: string;
  to: string;
  applications: number;
  responses: number;
  interviews: number;
  /** Soonest first, at most MAX_LISTED_FOLLOW_UPS of them; `followUpsDue` counts them all. */
  followUps: FollowUpDue[];
  followUpsDue: number;
}

export const MAX_LISTED_FOLLOW_UPS = 10;
const WEEK_MS = 7 * DAY_MS;

/** The full ISO week (UTC) before the one `nowMs` falls in. */
export function summarisedWeek(nowMs: number): SummarisedWeek {
  const monday = mondayOf(dayNumber(nowMs)) - 7;
  return { label: isoWeekLabel(monday), fromMs: monday * DAY_MS, toMs: monday * DAY_MS + WEEK_MS };
}

const within = (ms: number | null, fromMs: number, toMs: number): boolean => ms !== null && ms >= fromMs && ms < toMs;

/** An interview reached during the week: a dated `interview` entry in the job's history. */
function interviewedWithin(job: Job, fromMs: number, toMs: number): boolean {
  return job.statusHistory.some((change) => change.status === 'interview' && within(parseIsoMs(change.at), fromMs, toMs));
}

export function weeklySummaryOf(jobs: readonly Job[], nowMs: number): WeeklySummary {
  const week = summarisedWeek(nowMs);
  let applications = 0;
  let responses = 0;
  let interviews = 0;
  for (const facts of factsOf(jobs)) {
    if (within(facts.appliedMs, week.fromMs, week.toMs)) applications += 1;
    if (within(facts.firstResponseMs, week.fromMs, week.toMs)) responses += 1;
    if (interviewedWithin(facts.job, week.fromMs, week.toMs)) interviews += 1;
  }
  const due = jobs
    .filter((job) => job.isActive && within(parseIsoMs(job.followUpAt), nowMs, nowMs + WEEK_MS))
    .map((job) => ({ title: job.title, company: job.company, followUpAt: job.followUpAt! }))
    .sort((a, b) => Date.parse(a.followUpAt) - Date.parse(b.followUpAt));
  return {
    week: week.label,
    from: new Date(week.fromMs).toISOString().slice(0, 10),
    to: new Date(week.toMs - DAY_MS).toISOString().slice(0, 10),
    applications,
    responses,
    interviews,
    followUps: due.slice(0, MAX_LISTED_FOLLOW_UPS),
    followUpsDue: due.length,
  };
}
