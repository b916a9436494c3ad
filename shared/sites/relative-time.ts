import type { RelativeTimeRule } from '../rules/schema';
import { compileText } from '../rules/template';

const UNIT_MS = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  // Sites round months; 30 days is as precise as "2 months ago" is.
  month: 30 * 86_400_000,
} as const;

/**
 * "2 days ago" / "il y a 2 jours" / "vor 2 Tagen" → the ISO time it denotes,
 * counted back from `now`. Found anywhere in the text, so "Reposted 2 weeks
 * ago" and "Berlin · 2 days ago" work. Undefined when no rule matches.
 */
export function parseRelativeTime(text: string, rules: readonly RelativeTimeRule[], now: Date): string | undefined {
  for (const rule of rules) {
    const match = compileText(rule.text).find(text);
    if (!match) continue;
    const n = match.n ?? rule.n ?? 1;
    return new Date(now.getTime() - n * UNIT_MS[rule.unit]).toISOString();
  }
  return undefined;
}
