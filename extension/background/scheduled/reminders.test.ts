import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { jobFromCapture } from '../../../shared/jobs/capture';
import type { Job } from '../../../shared/schema';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { openDatabase, type TrackruitDatabase } from '../../db/database';
import { upsertJobWith } from '../../db/jobs';
import { PREFERENCE_KEYS, setPreference } from '../preferences';
import { FIRED_KEY, ReminderService } from './reminders';
import type { StorageArea } from '../storage';

const DAY = 24 * 60 * 60 * 1000;
const start = Date.parse('2026-03-10T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

let db: TrackruitDatabase;
let area: StorageArea;
let clock: number;
let shown: { id: string; title: string; message: string }[];
let cleared: string[];
let opened: string[];
let alarmAt: number | undefined;
let service: ReminderService;

beforeEach(async () => {
  fakeBrowser.reset();
  area = fakeBrowser.storage.local as unknown as StorageArea;
  db = await openDatabase({ name: `reminders-${crypto.randomUUID()}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
  clock = start;
  shown = [];
  cleared = [];
  opened = [];
  alarmAt = undefined;
  // Notifications, alarms and tabs are browser UI Node does not have: these record what would be shown.
  service = new ReminderService({
    jobs: async () => db.jobs,
    area,
    notify: async (id, title, message) => void shown.push({ id, title, message }),
    clearNotification: async (id) => void cleared.push(id),
    scheduleAt: async (when) => void (alarmAt = when),
    openDashboard: async (hash) => void opened.push(hash),
    now: () => clock,
  });
});
afterEach(async () => {
  await db.close();
});

async function store(siteJobId: string, fields: Partial<Job>): Promise<Job> {
  const base = jobFromCapture({ ...acmeCapture, siteJobId, url: `https://www.linkedin.com/jobs/view/${siteJobId}/` }, new Date(start - 20 * DAY));
  return (await upsertJobWith(db.jobs, base.id, () => ({ ...base, ...fields }))).job;
}

describe('ReminderService', () => {
  it('raises a due follow-up once, schedules the next one, and opens its job on a click', async () => {
    const due = await store('1', { followUpAt: iso(start - 60_000) });
    await store('2', { followUpAt: iso(start + DAY) });

    await service.check();
    expect(shown).toEqual([
      {
        id: `trackruit-reminder|follow-up|${due.id}`,
        title: 'Follow up: Senior Frontend Engineer',
        message: 'Your follow-up date for Senior Frontend Engineer at Acme Robotics has come.',
      },
    ]);
    expect(alarmAt).toBe(start + DAY);
    await service.check();
    expect(shown).toHaveLength(1);

    expect(await service.clicked(shown[0]!.id)).toBe(true);
    expect(opened).toEqual(['#/jobs/linkedin%3A1']);
    expect(cleared).toEqual([shown[0]!.id]);
    expect(await service.clicked('another-extension-notification')).toBe(false);

    clock = start + DAY;
    await service.check();
    expect(shown.map((n) => n.id)).toEqual([`trackruit-reminder|follow-up|${due.id}`, 'trackruit-reminder|follow-up|linkedin:2']);
    expect(alarmAt).toBeUndefined();
  });

  it('nudges an application with no answer after the chosen days, and follows the settings', async () => {
    await store('3', { status: 'applied', appliedAt: iso(start - 5 * DAY) });
    await setPreference(area, 'reminders', { followUps: true, noResponse: true, noResponseDays: 7 });
    await service.check();
    expect(shown).toEqual([]);

    await setPreference(area, 'reminders', { followUps: true, noResponse: false, noResponseDays: 3 });
    await service.check();
    expect(shown).toEqual([]);

    await setPreference(area, 'reminders', { followUps: true, noResponse: true, noResponseDays: 3 });
    await service.check();
    expect(shown.map((n) => n.title)).toEqual(['No answer yet: Senior Frontend Engineer']);
    const fired = (await area.get(FIRED_KEY))[FIRED_KEY] as Record<string, string>;
    expect(Object.keys(fired)).toEqual([`no-response|linkedin:3|${iso(start - 5 * DAY)}`]);

    // A later check does not repeat it.
    clock += DAY;
    await service.check();
    expect(shown).toHaveLength(1);
    expect((await area.get(PREFERENCE_KEYS.reminders))[PREFERENCE_KEYS.reminders]).toMatchObject({ noResponseDays: 3 });
  });

  it('sums up many due reminders in one notification', async () => {
    for (const id of ['10', '11', '12', '13']) await store(id, { followUpAt: iso(start - 1000) });
    await service.check();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('4 applications to follow up');
    await service.clicked(shown[0]!.id);
    expect(opened).toEqual(['#/table']);
  });
});
