import { RULE_LIMITS, ruleSetSchema, type RuleSet } from './schema';

export type ParseRuleSetResult = { ok: true; rules: RuleSet } | { ok: false; errors: string[] };

/** At most this many problems are reported, so a hostile set cannot produce a huge error list. */
const MAX_ERRORS = 20;

/**
 * Validates a rule set from an untrusted source (the server, a cache). The
 * size check runs first so an oversized body is refused before zod walks it.
 */
export function parseRuleSet(input: unknown): ParseRuleSetResult {
  let size: number;
  try {
    size = JSON.stringify(input)?.length ?? 0;
  } catch {
    return { ok: false, errors: ['rule set is not serialisable JSON'] };
  }
  if (size > RULE_LIMITS.bytes) {
    return { ok: false, errors: [`rule set too large: ${size} characters (limit ${RULE_LIMITS.bytes})`] };
  }
  const result = ruleSetSchema.safeParse(input);
  if (result.success) return { ok: true, rules: result.data };
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
