import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { PREFERENCE_KEYS, themeFrom, type Theme } from '../../background/preferences';

/** extension/ui/theme.css reads `data-theme` on <html>: light or dark forced, system follows the OS. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
}

/**
 * Applies the stored theme now and whenever it changes (from any extension
 * page). Returns the unsubscribe. Called once per page at start-up.
 */
export function followStoredTheme(): () => void {
  let active = true;
  void browser.storage.local.get(PREFERENCE_KEYS.theme).then((items) => {
    if (active) applyTheme(themeFrom(items[PREFERENCE_KEYS.theme]));
  });
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[PREFERENCE_KEYS.theme];
    if (area === 'local' && change) applyTheme(themeFrom(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => {
    active = false;
    browser.storage.onChanged.removeListener(listener);
  };
}

/** followStoredTheme for a React root (the popup). */
export function useStoredTheme(): void {
  useEffect(() => followStoredTheme(), []);
}
