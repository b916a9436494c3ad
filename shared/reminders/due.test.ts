import { describe, expect, it } from 'vitest';
import {
  dashboardHashFor,
  dueReminders,
  FIRED_MEMORY_MS,
  FOLLOW_UP_GRACE_MS,
  nextFollowUpAt,
  noResponseSince,
  notificationsFor,
  withFired,
  type ReminderJob,
} from './due';
import { DEFAULT_REMINDER_SETTINGS, reminderSettingsFrom, type ReminderSettings } from './settings';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.parse('2026-03-10T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const settings: ReminderSettings = { followUps: true, noResponse: true, noResponseDays: 7 };

function job(id: string, fields: Partial<ReminderJob>): ReminderJob {
  return { id, title: `Job ${id}`, company: 'Acme', status: 'applied', ...fields };
}

describe('due reminders', () => {
  it('fires a follow-up when its date has come, and not before', () => {
    const jobs = [job('a', { followUpAt: iso(now - 60_000) }), job('b', { followUpAt: iso(now + 60_000) })];
    const due = dueReminders(jobs, settings, now, {});
    expect(due).toEqual([
      { key: `follow-up|a|${iso(now - 60_000)}`, kind: 'follow-up', jobId: 'a', title: 'Job a', company: 'Acme', dueAt: iso(now - 60_000) },
    ]);
    expect(nextFollowUpAt(jobs, settings, now)).toBe(now + 60_000);
  });

  it('nudges an application still "applied" after the chosen number of days, once', () => {
    const jobs = [
      job('old', { appliedAt: iso(now - 8 * DAY) }),
      job('recent', { appliedAt: iso(now - 6 * DAY) }),
      job('answered', { appliedAt: iso(now - 8 * DAY), status: 'interview' }),
      job('planned', { appliedAt: iso(now - 8 * DAY), followUpAt: iso(now + DAY) }),
    ];
    const due = dueReminders(jobs, settings, now, {});
    expect(due.map((reminder) => [reminder.kind, reminder.jobId, reminder.dueAt])).toEqual([['no-response', 'old', iso(now - DAY)]]);
    const fired = withFired({}, due, now);
    expect(dueReminders(jobs, settings, now, fired)).toEqual([]);
    // A day later only the newer application comes due, and the planned one's own follow-up.
    expect(dueReminders(jobs, settings, now + DAY, fired).map((reminder) => [reminder.kind, reminder.jobId])).toEqual([
      ['no-response', 'recent'],
      ['follow-up', 'planned'],
    ]);
    // Three days instead of seven: the recent one is due too.
    expect(dueReminders(jobs, { ...settings, noResponseDays: 3 }, now, fired).map((reminder) => reminder.jobId)).toEqual(['recent']);
  });

  it('fires again for a new follow-up date or a new application date', () => {
    const first = job('a', { followUpAt: iso(now - 1000) });
    const fired = withFired({}, dueReminders([first], settings, now, {}), now);
    const moved = { ...first, followUpAt: iso(now + DAY) };
    expect(dueReminders([moved], settings, now + DAY + 1, fired)).toHaveLength(1);
  });

  it('stays silent for reminders long overdue (an import of old applications) and when switched off', () => {
    const jobs = [job('a', { followUpAt: iso(now - FOLLOW_UP_GRACE_MS - 1) }), job('b', { appliedAt: iso(now - 60 * DAY) })];
    expect(dueReminders(jobs, settings, now, {})).toEqual([]);
    const dueNow = [job('c', { followUpAt: iso(now - 1000), appliedAt: iso(now - 8 * DAY) })];
    expect(dueReminders(dueNow, { ...settings, followUps: false }, now, {}).map((r) => r.kind)).toEqual(['no-response']);
    expect(dueReminders(dueNow, { ...settings, noResponse: false }, now, {}).map((r) => r.kind)).toEqual(['follow-up']);
    expect(nextFollowUpAt([job('d', { followUpAt: iso(now + 1000) })], { ...settings, followUps: false }, now)).toBeUndefined();
  });

  it('gives the range of application dates the background has to look at', () => {
    expect(noResponseSince(settings, now)).toEqual({ from: iso(now - 37 * DAY), to: iso(now - 7 * DAY) });
  });

  it('forgets fired reminders only long after they could fire again', () => {
    const fired = { old: iso(now - FIRED_MEMORY_MS - 1), kept: iso(now - DAY) };
    expect(Object.keys(withFired(fired, [], now))).toEqual(['kept']);
  });
});

describe('reminder notifications', () => {
  it('opens the job a notification is about, with its id encoded for the dashboard route', () => {
    const due = dueReminders([job('linkedin:4012345678', { followUpAt: iso(now - 1000) })], settings, now, {});
    const [notification] = notificationsFor(due, now);
    expect(notification).toMatchObject({ title: 'Follow up: Job linkedin:4012345678', jobId: 'linkedin:4012345678' });
    expect(notification?.message).toBe('Your follow-up date for Job linkedin:4012345678 at Acme has come.');
    expect(dashboardHashFor(notification!.id)).toBe('#/jobs/linkedin%3A4012345678');
    expect(dashboardHashFor('someone-else')).toBeUndefined();
  });

  it('sums up many reminders in one notification that opens the list', () => {
    const jobs = ['a', 'b', 'c', 'd', 'e'].map((id) => job(id, { followUpAt: iso(now - 1000) }));
    const notifications = notificationsFor(dueReminders(jobs, settings, now, {}), now);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ title: '5 applications to follow up', message: 'Job a at Acme\nJob b at Acme\nJob c at Acme\n…and 2 more' });
    expect(dashboardHashFor(notifications[0]!.id)).toBe('#/table');
  });
});

describe('reminder settings', () => {
  it('falls back to the defaults for a missing or unreadable value', () => {
    expect(reminderSettingsFrom(undefined)).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(reminderSettingsFrom({ followUps: true, noResponse: true, noResponseDays: 0 })).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(reminderSettingsFrom({ followUps: false, noResponse: true, noResponseDays: 14 })).toEqual({ followUps: false, noResponse: true, noResponseDays: 14 });
  });
});
