import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_PREFERENCES, isSyncEnabled, onSyncEnabledChange, PREFERENCE_KEYS, readPreferences, setPreference } from './preferences';
import type { StorageArea } from './storage';

let area: StorageArea;
beforeEach(() => {
  fakeBrowser.reset();
  area = fakeBrowser.storage.local as unknown as StorageArea;
});

describe('preferences', () => {
  it('are the defaults until the user chooses, and read back what was chosen', async () => {
    expect(await readPreferences(area)).toEqual(DEFAULT_PREFERENCES);
    await setPreference(area, 'theme', 'dark');
    await setPreference(area, 'syncEnabled', false);
    await setPreference(area, 'reminders', { followUps: false, noResponse: true, noResponseDays: 10 });
    expect(await readPreferences(area)).toEqual({ syncEnabled: false, theme: 'dark', reminders: { followUps: false, noResponse: true, noResponseDays: 10 } });
    expect(await isSyncEnabled(area)).toBe(false);
  });

  it('ignore unreadable stored values', async () => {
    await area.set({ [PREFERENCE_KEYS.theme]: 'purple', [PREFERENCE_KEYS.syncEnabled]: 'no', [PREFERENCE_KEYS.reminders]: { noResponseDays: -1 } });
    expect(await readPreferences(area)).toEqual(DEFAULT_PREFERENCES);
  });

  it('tell the background when sync is switched off and on, and only then', async () => {
    const seen: boolean[] = [];
    fakeBrowser.storage.onChanged.addListener(onSyncEnabledChange((enabled) => seen.push(enabled)));
    await setPreference(area, 'syncEnabled', false);
    await setPreference(area, 'theme', 'light');
    await setPreference(area, 'syncEnabled', false);
    await setPreference(area, 'syncEnabled', true);
    expect(seen).toEqual([false, true]);
  });
});
