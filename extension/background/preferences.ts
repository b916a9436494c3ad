import { z } from 'zod';
import { DEFAULT_REMINDER_SETTINGS, reminderSettingsFrom, type ReminderSettings } from '../../shared/reminders/settings';
import type { StorageArea } from './storage';

/**
 * The user's choices on the Settings page, in `browser.storage.local` beside
 * the keys of ./storage.ts. Pages write them directly (storage is shared by
 * every extension page); the background reads them and follows changes
 * through `storage.onChanged`, so no message is needed.
 * - `syncEnabled`: false pauses background sync while signed in (absent: on)
 * - `theme`: 'system' | 'light' | 'dark' (absent: system)
 * - `reminderSettings`: see shared/reminders/settings.ts
 */
export const PREFERENCE_KEYS = {
  syncEnabled: 'syncEnabled',
  theme: 'theme',
  reminders: 'reminderSettings',
} as const;

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const themeSchema = z.enum(THEMES);

export function themeFrom(stored: unknown): Theme {
  const parsed = themeSchema.safeParse(stored);
  return parsed.success ? parsed.data : 'system';
}

/** Anything but an explicit `false` is on: sync stays the default it always was. */
export function syncEnabledFrom(stored: unknown): boolean {
  return stored !== false;
}

export interface Preferences {
  syncEnabled: boolean;
  theme: Theme;
  reminders: ReminderSettings;
}

export const DEFAULT_PREFERENCES: Preferences = { syncEnabled: true, theme: 'system', reminders: DEFAULT_REMINDER_SETTINGS };

export async function readPreferences(area: Pick<StorageArea, 'get'>): Promise<Preferences> {
  const stored = await area.get(Object.values(PREFERENCE_KEYS));
  return {
    syncEnabled: syncEnabledFrom(stored[PREFERENCE_KEYS.syncEnabled]),
    theme: themeFrom(stored[PREFERENCE_KEYS.theme]),
    reminders: reminderSettingsFrom(stored[PREFERENCE_KEYS.reminders]),
  };
}

export async function isSyncEnabled(area: Pick<StorageArea, 'get'>): Promise<boolean> {
  return syncEnabledFrom((await area.get(PREFERENCE_KEYS.syncEnabled))[PREFERENCE_KEYS.syncEnabled]);
}

export function setPreference<K extends keyof Preferences>(area: Pick<StorageArea, 'set'>, key: K, value: Preferences[K]): Promise<void> {
  return area.set({ [PREFERENCE_KEYS[key]]: value });
}

type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;

/**
 * The sync switch as it changes: for the background, which stops replication
 * when it goes off and starts it when it comes back on. Pass it to
 * `browser.storage.onChanged.addListener`.
 */
export function onSyncEnabledChange(handle: (enabled: boolean) => void): (changes: StorageChanges, area: string) => void {
  return (changes, area) => {
    const change = changes[PREFERENCE_KEYS.syncEnabled];
    if (area !== 'local' || !change) return;
    const [before, after] = [syncEnabledFrom(change.oldValue), syncEnabledFrom(change.newValue)];
    if (before !== after) handle(after);
  };
}
