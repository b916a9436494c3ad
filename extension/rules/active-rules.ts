import { browser } from 'wxt/browser';
import { parseRuleSet, shippedRules, type RuleSet } from '../../shared/rules';

/**
 * `browser.storage.local` key of the rule set last fetched from the user's
 * server. Whatever is stored there is validated again on every read: storage
 * is shared by every part of the extension, and a stored set that no longer
 * passes this build's schema must not reach the detectors.
 */
export const RULES_STORAGE_KEY = 'detectionRules';

/** The subset of a storage area read here, so tests can pass a fake. */
export interface RulesReadArea {
  get(keys: string): Promise<Record<string, unknown>>;
}

/** The stored set when it is valid and newer than the one built in, else the built-in one. */
export function pickActiveRules(stored: unknown, shipped: RuleSet = shippedRules): RuleSet {
  if (stored === undefined || stored === null) return shipped;
  const parsed = parseRuleSet(stored);
  return parsed.ok && parsed.rules.version > shipped.version ? parsed.rules : shipped;
}

/** The rules content scripts and "Track this page" detect with. Never throws. */
export async function loadActiveRules(area: RulesReadArea = browser.storage.local): Promise<RuleSet> {
  try {
    const items = await area.get(RULES_STORAGE_KEY);
    return pickActiveRules(items[RULES_STORAGE_KEY]);
  } catch {
    // Storage unavailable (extension reloading): detection still works with the built-in rules.
    return shippedRules;
  }
}
