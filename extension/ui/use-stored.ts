import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/**
 * A `browser.storage.local` value, updated when the background changes it.
 * `undefined` while loading, `null` when the key is absent.
 */
export function useStored<T>(key: string): T | null | undefined {
  const [value, setValue] = useState<T | null | undefined>(undefined);

  useEffect(() => {
    let active = true;
    void browser.storage.local.get(key).then((items) => {
      if (active) setValue((items[key] as T | undefined) ?? null);
    });
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[key];
      if (area === 'local' && change) setValue((change.newValue as T | undefined) ?? null);
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      active = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, [key]);

  return value;
}
