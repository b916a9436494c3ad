import type { Job } from '../schema/job';
import type { ReminderSettings } from './settings';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How late a reminder may still fire. The browser may have been closed when
 * it came due; past these, a notification is noise rather than a reminder
 * (an import of old applications must not raise hundreds of them).
 */
export const FOLLOW_UP_GRACE_MS = 7 * DAY_MS;
export const NO_RESPONSE_WINDOW_MS = 30 * DAY_MS;
/** More reminders than this at once are shown as one summary notification. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;
/** Fired reminders are remembered this long, well past either window, so none fires twice. */
export const FIRED_MEMORY_MS = NO_RESPONSE_WINDOW_MS + 90 * DAY_MS;

export type ReminderJob = Pick<Job, 'id' | 'title' | 'company' | 'status' | 'appliedAt' | 'followUpAt'>;
export type ReminderKind = 'follow-up' | 'no-response';

export interface DueReminder {
  /** Fires once: a new follow-up date, or a new application date, is a new reminder. */
  key: string;
  kind: ReminderKind;
  jobId: string;
  title: string;
  company: string;
  dueAt: string;
}

/** When each reminder fired (ISO), by key. */
export type FiredReminders = Record<string, string>;

export function reminderKey(kind: ReminderKind, jobId: string, at: string): string {
  return `${kind}|${jobId}|${at}`;
}

function followUpDue(job: ReminderJob, now: number): string | undefined {
  if (!job.followUpAt) return undefined;
  const at = Date.parse(job.followUpAt);
  return at <= now && now - at <= FOLLOW_UP_GRACE_MS ? job.followUpAt : undefined;
}

function noResponseDue(job: ReminderJob, settings: ReminderSettings, now: number): string | undefined {
  if (job.status !== 'applied' || !job.appliedAt) return undefined;
  // A follow-up date set after applying is the user's own reminder for the silence (when those fire).
  if (settings.followUps && job.followUpAt && job.followUpAt > job.appliedAt) return undefined;
  const dueAt = Date.parse(job.appliedAt) + settings.noResponseDays * DAY_MS;
  return dueAt <= now && now - dueAt <= NO_RESPONSE_WINDOW_MS ? new Date(dueAt).toISOString() : undefined;
}

/** The reminders due at `now` that have not fired yet, oldest first. */
export function dueReminders(jobs: readonly ReminderJob[], settings: ReminderSettings, now: number, fired: FiredReminders): DueReminder[] {
  const due: DueReminder[] = [];
  for (const job of jobs) {
    const candidates: [ReminderKind, string | undefined, string | undefined][] = [
      ['follow-up', settings.followUps ? followUpDue(job, now) : undefined, job.followUpAt],
      ['no-response', settings.noResponse ? noResponseDue(job, settings, now) : undefined, job.appliedAt],
    ];
    for (const [kind, dueAt, basis] of candidates) {
      if (!dueAt || !basis) continue;
      const key = reminderKey(kind, job.id, basis);
      if (fired[key]) continue;
      due.push({ key, kind, jobId: job.id, title: job.title, company: job.company, dueAt });
    }
  }
  return due.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
}

/** The next follow-up after `now`, for an alarm at that exact time (undefined when none). */
export function nextFollowUpAt(jobs: readonly ReminderJob[], settings: ReminderSettings, now: number): number | undefined {
  if (!settings.followUps) return undefined;
  let next: number | undefined;
  for (const job of jobs) {
    if (!job.followUpAt) continue;
    const at = Date.parse(job.followUpAt);
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

/** The earliest instant a job with status 'applied' can be nudged: older ones are outside the window. */
export function noResponseSince(settings: ReminderSettings, now: number): { from: string; to: string } {
  const to = now - settings.noResponseDays * DAY_MS;
  return { from: new Date(to - NO_RESPONSE_WINDOW_MS).toISOString(), to: new Date(to).toISOString() };
}

export function followUpSince(now: number): string {
  return new Date(now - FOLLOW_UP_GRACE_MS).toISOString();
}

export function withFired(fired: FiredReminders, reminders: readonly DueReminder[], now: number): FiredReminders {
  const at = new Date(now).toISOString();
  const kept = Object.entries(fired).filter(([, firedAt]) => now - Date.parse(firedAt) <= FIRED_MEMORY_MS);
  return { ...Object.fromEntries(kept), ...Object.fromEntries(reminders.map((reminder) => [reminder.key, at])) };
}

export interface ReminderNotification {
  id: string;
  title: string;
  message: string;
  /** The job to open on a click; a summary opens the list. */
  jobId?: string;
}

const NOTIFICATION_PREFIX = 'trackruit-reminder|';

function describeJob(reminder: DueReminder): string {
  return reminder.company ? `${reminder.title} at ${reminder.company}` : reminder.title;
}

/** One notification per reminder, or one summary when many come at once. */
export function notificationsFor(reminders: readonly DueReminder[], now: number): ReminderNotification[] {
  if (reminders.length > MAX_SEPARATE_NOTIFICATIONS) {
    return [
      {
        id: `${NOTIFICATION_PREFIX}summary|${now}`,
        title: `${reminders.length} applications to follow up`,
        message: `${reminders.slice(0, 3).map(describeJob).join('\n')}\n…and ${reminders.length - 3} more`,
      },
    ];
  }
  return reminders.map((reminder) => ({
    id: `${NOTIFICATION_PREFIX}${reminder.kind}|${reminder.jobId}`,
    title: reminder.kind === 'follow-up' ? `Follow up: ${reminder.title}` : `No answer yet: ${reminder.title}`,
    message:
      reminder.kind === 'follow-up'
        ? `Your follow-up date for ${describeJob(reminder)} has come.`
        : `You applied to ${describeJob(reminder)} and have heard nothing since. Time for a nudge?`,
    jobId: reminder.jobId,
  }));
}

/**
 * Where a click on one of our notifications leads: the job's page, or the
 * list for a summary; undefined for notifications that are not ours.
 */
export function dashboardHashFor(notificationId: string): string | undefined {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return undefined;
  const [kind, ...rest] = notificationId.slice(NOTIFICATION_PREFIX.length).split('|');
  if (kind === 'summary') return '#/table';
  const jobId = rest.join('|');
  return jobId ? `#/jobs/${encodeURIComponent(jobId)}` : undefined;
}
