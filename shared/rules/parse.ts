import { upgradeRuleSet } from './format';
import { RULE_LIMITS, ruleSetSchema, type RuleSet } from './schema';
import { shippedRules } from './shipped';

/** `filled`: fields the set lacked, taken from the built-in set (a set written before they existed). */
export type ParseRuleSetResult = { ok: true; rules: RuleSet; filled?: string[] } | { ok: false; errors: string[] };

/** At most this many problems are reported, so a hostile set cannot produce a huge error list. */
const MAX_ERRORS = 20;

/**
 * Validates a rule set from an untrusted source (the server, a cache, an
 * operator's file). The size check runs first so an oversized body is refused
 * before zod walks it. A set in an older format gets the fields added since
 * from `base`; unknown keys (a newer format's) are dropped.
 */
export function parseRuleSet(input: unknown, base: RuleSet = shippedRules): ParseRuleSetResult {
  let size: number;
  try {
    size = JSON.stringify(input)?.length ?? 0;
  } catch {
    return { ok: false, errors: ['rule set is not serialisable JSON'] };
  }
  if (size > RULE_LIMITS.bytes) {
    return { ok: false, errors: [`rule set too large: ${size} characters (limit ${RULE_LIMITS.bytes})`] };
  }
  const upgraded = upgradeRuleSet(input, base);
  const result = ruleSetSchema.safeParse(upgraded.input);
  if (result.success) return { ok: true, rules: result.data, ...(upgraded.filled.length > 0 ? { filled: upgraded.filled } : {}) };
  const errors = result.error.issues.slice(0, MAX_ERRORS).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  if (result.error.issues.length > MAX_ERRORS) errors.push(`… and ${result.error.issues.length - MAX_ERRORS} more`);
  return { ok: false, errors };
}

/**
 * The rule set to use of two candidates: the higher version among the valid
 * ones; `a` wins ties, so pass the shipped set first. The winner is returned
 * as passed in (not a copy), so callers can compare by identity. Undefined
 * only when neither is valid.
 */
export function newerRuleSet(a: RuleSet, b: unknown): RuleSet;
export function newerRuleSet(a: unknown, b: unknown): RuleSet | undefined;
export function newerRuleSet(a: unknown, b: unknown): RuleSet | undefined {
  const first = parseRuleSet(a).ok ? (a as RuleSet) : undefined;
  const second = parseRuleSet(b).ok ? (b as RuleSet) : undefined;
  if (first && second) return second.version > first.version ? second : first;
  return first ?? second;
}
