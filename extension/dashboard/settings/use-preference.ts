import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { PREFERENCE_KEYS, setPreference, syncEnabledFrom, themeFrom, type Preferences } from '../../background/preferences';
import type { StorageArea } from '../../background/storage';
import { reminderSettingsFrom } from '../../../shared/reminders/settings';
import { useStored } from '../../ui/use-stored';

const READ: { [K in keyof Preferences]: (stored: unknown) => Preferences[K] } = {
  syncEnabled: syncEnabledFrom,
  theme: themeFrom,
  reminders: reminderSettingsFrom,
};

/**
 * One preference, live from storage (undefined while loading), and its setter.
 * A set value shows at once, before storage reports it back: a control that
 * waited for the round trip would ignore a second click made meanwhile.
 */
export function usePreference<K extends keyof Preferences>(key: K): [Preferences[K] | undefined, (value: Preferences[K]) => Promise<void>] {
  const stored = useStored<unknown>(PREFERENCE_KEYS[key]);
  const [optimistic, setOptimistic] = useState<{ value: Preferences[K] }>();
  useEffect(() => setOptimistic(undefined), [stored]);
  const value = optimistic ? optimistic.value : stored === undefined ? undefined : READ[key](stored ?? undefined);
  const set = (next: Preferences[K]) => {
    setOptimistic({ value: next });
    return setPreference(browser.storage.local as unknown as StorageArea, key, next);
  };
  return [value, set];
}
