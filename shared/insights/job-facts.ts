import { JOB_STATUSES, type Job, type JobStatus } from '../schema/job';
import { parseIsoMs } from './iso-time';

/**
 * What every insight needs to know about one job, read once.
 *
 * Definitions (the same for the dashboard and, later, the server):
 *
 * - **Applied**: the job has an `appliedAt`, or a status other than `saved` in its history or as
 *   its current status. Any status past `saved` implies an application was sent: even
 *   `withdrawn` and `ghosted` are things that happen to an application. The moment of application
 *   is `appliedAt`, else the earliest history entry past `saved`, else `createdAt` (a job entered
 *   by hand straight into a later status, with no history, was most likely applied to when it was
 *   recorded).
 *
 * - **Responded**: the employer answered, i.e. the job reached `assessment`, `interview`, `offer`,
 *   `accepted` or `rejected` (in its history or as its current status). `ghosted` does not count:
 *   it records the *absence* of an answer. `withdrawn` does not count either: it is the
 *   applicant's move, not the employer's; a job withdrawn after an interview has already counted
 *   through its `interview` entry.
 *
 * - **Time to first response**: from the moment of application to the earliest history entry
 *   with a response status. The history is read as a set (sync merges it as one), so "earliest"
 *   is by time, not by position. A response dated before the application (an `appliedAt` typed in
 *   later than the truth) counts as zero. A job whose response status has no history entry has
 *   responded, at an unknown time.
 *
 * - **Reached interview** / **reached offer**: the job's history or status includes `interview`,
 *   `offer` or `accepted` / `offer` or `accepted`. Later stages imply the earlier ones, so the
 *   funnel applied ⊇ responded ⊇ interview ⊇ offer never widens.
 */
export interface JobFacts {
  readonly job: Job;
  readonly applied: boolean;
  /** Milliseconds since the epoch of the application, or null when not applied or undated. */
  readonly appliedMs: number | null;
  readonly responded: boolean;
  /** Milliseconds since the epoch of the first dated response, or null. */
  readonly firstResponseMs: number | null;
  readonly reachedInterview: boolean;
  readonly reachedOffer: boolean;
}

const PAST_SAVED = 1;
const RESPONSE = 2;
const INTERVIEW_OR_LATER = 4;
const OFFER_OR_LATER = 8;
// A table rather than sets: this runs for every status of every job.
const FLAGS: Record<JobStatus, number> = {
  saved: 0,
  applied: PAST_SAVED,
  withdrawn: PAST_SAVED,
  ghosted: PAST_SAVED,
  assessment: PAST_SAVED | RESPONSE,
  rejected: PAST_SAVED | RESPONSE,
  interview: PAST_SAVED | RESPONSE | INTERVIEW_OR_LATER,
  offer: PAST_SAVED | RESPONSE | INTERVIEW_OR_LATER | OFFER_OR_LATER,
  accepted: PAST_SAVED | RESPONSE | INTERVIEW_OR_LATER | OFFER_OR_LATER,
};

/** The statuses that count as an employer's answer, in the order of JOB_STATUSES. */
export const RESPONSE_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter((status) => FLAGS[status] & RESPONSE);

export function jobFacts(job: Job): JobFacts {
  const appliedAt = parseIsoMs(job.appliedAt);
  let reached = FLAGS[job.status];
  let firstPastSavedMs: number | null = null;
  let firstResponseMs: number | null = null;

  for (const change of job.statusHistory) {
    const flags = FLAGS[change.status];
    reached |= flags;
    // Parse only the dates that can matter: most entries are an `applied` that appliedAt already dates.
    if (flags & RESPONSE) {
      const at = parseIsoMs(change.at);
      if (at !== null && (firstResponseMs === null || at < firstResponseMs)) firstResponseMs = at;
      if (at !== null && (firstPastSavedMs === null || at < firstPastSavedMs)) firstPastSavedMs = at;
    } else if (flags & PAST_SAVED && appliedAt === null) {
      const at = parseIsoMs(change.at);
      if (at !== null && (firstPastSavedMs === null || at < firstPastSavedMs)) firstPastSavedMs = at;
    }
  }

  const applied = job.appliedAt !== undefined || (reached & PAST_SAVED) !== 0;
  const appliedMs = applied ? (appliedAt ?? firstPastSavedMs ?? parseIsoMs(job.createdAt)) : null;

  return {
    job,
    applied,
    appliedMs,
    responded: (reached & RESPONSE) !== 0,
    firstResponseMs,
    reachedInterview: (reached & INTERVIEW_OR_LATER) !== 0,
    reachedOffer: (reached & OFFER_OR_LATER) !== 0,
  };
}

/** Read each job once; every insight's `...OfFacts` variant takes this array. */
export function factsOf(jobs: readonly Job[]): JobFacts[] {
  return jobs.map(jobFacts);
}
