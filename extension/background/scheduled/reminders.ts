import { browser } from 'wxt/browser';
import {
  dashboardHashFor,
  dueReminders,
  followUpSince,
  nextFollowUpAt,
  noResponseSince,
  notificationsFor,
  withFired,
  type FiredReminders,
  type ReminderJob,
} from '../../../shared/reminders/due';
import { reminderSettingsFrom } from '../../../shared/reminders/settings';
import type { JobCollection } from '../../db/database';
import { PREFERENCE_KEYS } from '../preferences';
import type { StorageArea } from '../storage';

/** Every 15 minutes: catches application dates crossing the no-answer line, and follow-ups set while asleep. */
export const REMINDER_ALARM = 'trackruit-reminders';
/** At the next follow-up date exactly. */
export const FOLLOW_UP_ALARM = 'trackruit-follow-up';
/** Which reminders fired (see FiredReminders), so each fires once across service-worker restarts. */
export const FIRED_KEY = 'remindersFired';
const CHECK_EVERY_MINUTES = 15;
/** Bursts of writes (an import, a pull) reschedule once. */
const CHANGE_SETTLE_MS = 2_000;

/** The TrackRuit check mark, as notifications need an icon and the extension ships no image file. */
const ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAA2UlEQVR42u2aXQ7CIBCEOUyP5Nm9jsYXTbS0wM7+TJ1JeOb7aALbhdYGs93uj8jRrIkGhglVA58SqQ5/KMEC35WgFmCD/5GQgAQMAqzwbwkJSOAzXqEU2AuNQC/0AqMSjRk+VeAspQVQ8CkCSPhwATT8ssDqZGj4aQHLxB6rDxEYmdwLfkpgFcITHvYFejDe8HCBbyhv+KVdaFQiYvVN26glJX5oKsCbT+JseEgpkQkPq4Wy4KHFHL2AtVYq1VaJAL9OY0vdaQlIQLeUuiv+q9v66z/2YHtu8wTfbB3Z5PH/aQAAAABJRU5ErkJggg==';

/** The parts of the extension APIs used here, so tests can pass stand-ins for what Node lacks. */
export interface ReminderDeps {
  jobs: () => Promise<JobCollection>;
  area: StorageArea;
  notify: (id: string, title: string, message: string) => Promise<void>;
  clearNotification: (id: string) => Promise<void>;
  /** Schedules (or with `undefined`, cancels) the exact follow-up alarm. */
  scheduleAt: (when: number | undefined) => Promise<void>;
  openDashboard: (hash: string) => Promise<void>;
  now?: () => number;
}

function reminderJob(data: ReminderJob): ReminderJob {
  const { id, title, company, status, appliedAt, followUpAt } = data;
  return { id, title, company, status, ...(appliedAt ? { appliedAt } : {}), ...(followUpAt ? { followUpAt } : {}) };
}

export class ReminderService {
  private running: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: ReminderDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Raises what is due, remembers it, and sets the alarm for the next follow-up. Checks never overlap. */
  check(): Promise<void> {
    const next = this.running.then(() => this.run());
    this.running = next.catch((error: unknown) => console.error('TrackRuit: reminder check failed', error));
    return next;
  }

  /** A click on one of our notifications opens its job (or the list, for a summary). */
  async clicked(notificationId: string): Promise<boolean> {
    const hash = dashboardHashFor(notificationId);
    if (!hash) return false;
    await this.deps.openDashboard(hash);
    await this.deps.clearNotification(notificationId);
    return true;
  }

  /**
   * Only the jobs that can be due: follow-ups inside their grace window or
   * later, and applications dated inside the no-answer window. Neither field
   * is indexed; the scan runs at most every few minutes in the background.
   */
  private async candidates(settings: ReturnType<typeof reminderSettingsFrom>, now: number): Promise<ReminderJob[]> {
    const jobs = await this.deps.jobs();
    const found = new Map<string, ReminderJob>();
    if (settings.followUps) {
      const docs = await jobs.find({ selector: { followUpAt: { $gte: followUpSince(now) } } }).exec();
      for (const doc of docs) found.set(doc.id, reminderJob(doc.toJSON() as ReminderJob));
    }
    if (settings.noResponse) {
      const { from, to } = noResponseSince(settings, now);
      const docs = await jobs.find({ selector: { status: 'applied', appliedAt: { $gte: from, $lte: to } } }).exec();
      for (const doc of docs) found.set(doc.id, reminderJob(doc.toJSON() as ReminderJob));
    }
    return [...found.values()];
  }

  private async run(): Promise<void> {
    const now = this.now();
    const stored = await this.deps.area.get([PREFERENCE_KEYS.reminders, FIRED_KEY]);
    const settings = reminderSettingsFrom(stored[PREFERENCE_KEYS.reminders]);
    const fired = (stored[FIRED_KEY] as FiredReminders | undefined) ?? {};
    const jobs = await this.candidates(settings, now);
    const due = dueReminders(jobs, settings, now, fired);
    if (due.length > 0) {
      // Remembered before showing: a worker stopped in between loses a notification rather than repeating it.
      await this.deps.area.set({ [FIRED_KEY]: withFired(fired, due, now) });
      for (const notification of notificationsFor(due, now)) {
        await this.deps.notify(notification.id, notification.title, notification.message);
      }
    }
    await this.deps.scheduleAt(nextFollowUpAt(jobs, settings, now));
  }
}

/**
 * Wires reminders into the background: the alarms, the notification click,
 * settings changes and job changes. Listeners are added synchronously, as
 * MV3 needs for events that wake a stopped worker.
 */
export function startReminders(jobs: () => Promise<JobCollection>): ReminderService {
  const area = browser.storage.local as unknown as StorageArea;
  const service = new ReminderService({
    jobs,
    area,
    notify: async (id, title, message) => {
      await browser.notifications.create(id, { type: 'basic', iconUrl: ICON, title, message, priority: 1 });
    },
    clearNotification: async (id) => {
      await browser.notifications.clear(id);
    },
    scheduleAt: async (when) => {
      if (when === undefined) await browser.alarms.clear(FOLLOW_UP_ALARM);
      else await browser.alarms.create(FOLLOW_UP_ALARM, { when });
    },
    openDashboard: async (hash) => {
      await browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html${hash}`) });
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM || alarm.name === FOLLOW_UP_ALARM) void service.check();
  });
  browser.notifications.onClicked.addListener((id) => void service.clicked(id));
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'local' && changes[PREFERENCE_KEYS.reminders]) void service.check();
  });
  void browser.alarms.get(REMINDER_ALARM).then((existing) => {
    // Creating it again would push the next run back on every wake.
    if (!existing) void browser.alarms.create(REMINDER_ALARM, { periodInMinutes: CHECK_EVERY_MINUTES });
  });

  // A follow-up date set or moved in the dashboard reaches this worker as a change while it runs.
  let settle: ReturnType<typeof setTimeout> | undefined;
  void jobs().then((collection) =>
    collection.$.subscribe(() => {
      clearTimeout(settle);
      settle = setTimeout(() => void service.check(), CHANGE_SETTLE_MS);
    }),
  );
  void service.check();
  return service;
}
