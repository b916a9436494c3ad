import { parse as parseSelector } from 'css-what';
import { parseRuleSet } from './parse';
import { RULE_LIMITS, type RuleSet } from './schema';

/**
 * The checks an admin's rule-set upload passes before any extension sees it,
 * beyond the schema every client applies (parse.ts). The schema keeps a
 * hostile set harmless; these keep a mistaken one from quietly switching
 * detection off: a version the extensions would ignore, a selector with a
 * typo (the content script skips selectors the browser rejects, so the field
 * would just stop being found), or an emptied list a site cannot be detected
 * without.
 */

export type RuleSetUploadCheck =
  | { ok: true; rules: RuleSet; filled?: string[] }
  | { ok: false; reason: 'too_large' | 'invalid'; errors: string[] };

/** Lists of which at least one must keep an entry, or the site is never detected. */
const NEEDED: readonly { paths: readonly (readonly string[])[]; why: string }[] = [
  { paths: [['sites', 'linkedin', 'urls', 'jobsArea']], why: 'the content script never runs on LinkedIn without it' },
  { paths: [['sites', 'linkedin', 'urls', 'jobIdSources'], ['sites', 'linkedin', 'selectors', 'jobIdAttributes']], why: 'no LinkedIn job id can be found' },
  { paths: [['sites', 'linkedin', 'selectors', 'title'], ['sites', 'linkedin', 'selectors', 'topCardRoots']], why: 'no LinkedIn job title can be found' },
  { paths: [['sites', 'internshala', 'selectors', 'title']], why: 'no Internshala title can be found' },
  { paths: [['sites', 'generic', 'jsonLd']], why: 'no job posting on other sites can be read' },
];

/** Keys outside a `selectors` group whose strings are CSS selectors. */
const SELECTOR_KEYS = new Set(['selector', 'jsonLd', 'botChecks', 'signInForms', 'success', 'failure', 'textElements', 'title', 'company', 'location', 'description']);
/** Keys whose strings are never selectors, wherever they stand (texts, templates, names). */
const NOT_SELECTOR_KEYS = new Set(['attribute', 'value', 'param', 'path', 'texts', 'hosts', 'host', 'platform', 'format']);

const MAX_ERRORS = 20;

function at(rules: unknown, path: readonly string[]): unknown {
  let value = rules;
  for (const step of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[step] : undefined;
  return value;
}

/** Every selector string in the set with its dotted path. */
export function selectorsIn(rules: RuleSet): { path: string; selector: string }[] {
  const found: { path: string; selector: string }[] = [];
  const walk = (value: unknown, path: string[], inSelectors: boolean, key: string | undefined) => {
    if (typeof value === 'string') {
      if (key !== undefined && !NOT_SELECTOR_KEYS.has(key) && (inSelectors || SELECTOR_KEYS.has(key))) found.push({ path: path.join('.'), selector: value });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, String(index)], inSelectors, key));
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [child, inner] of Object.entries(value)) {
        if (NOT_SELECTOR_KEYS.has(child)) continue;
        walk(inner, [...path, child], inSelectors || child === 'selectors', child);
      }
    }
  };
  walk(rules, [], false, undefined);
  return found;
}

const COMBINATORS = new Set(['child', 'parent', 'sibling', 'adjacent', 'descendant', 'column-combinator']);

function selectorProblem(selector: string): string | undefined {
  try {
    // css-what accepts a dangling combinator ("div >"), which browsers refuse.
    if (parseSelector(selector).some((part) => COMBINATORS.has(part.at(-1)?.type ?? ''))) return 'ends with a combinator';
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.slice(0, 120) : 'not a CSS selector';
  }
}

/**
 * `servedVersion`: the version extensions get now. An extension only replaces
 * its rules with a set of a higher version, so anything else would be stored
 * and served but never used.
 */
export function checkRuleSetUpload(input: unknown, servedVersion: number): RuleSetUploadCheck {
  const parsed = parseRuleSet(input);
  if (!parsed.ok) {
    const tooLarge = parsed.errors.length === 1 && parsed.errors[0]!.startsWith('rule set too large');
    return { ok: false, reason: tooLarge ? 'too_large' : 'invalid', errors: parsed.errors };
  }
  const { rules } = parsed;
  const errors: string[] = [];
  if (rules.version <= servedVersion) {
    errors.push(`version: must be higher than ${servedVersion}, the version served now (extensions keep the rules they have unless the version is higher)`);
  }
  for (const need of NEEDED) {
    const empty = need.paths.every((path) => {
      const list = at(rules, path);
      return !Array.isArray(list) || list.length === 0;
    });
    if (empty) errors.push(`${need.paths.map((path) => path.join('.')).join(' or ')}: must not be empty (${need.why})`);
  }
  for (const { path, selector } of selectorsIn(rules)) {
    if (errors.length >= MAX_ERRORS) break;
    const problem = selectorProblem(selector);
    if (problem) errors.push(`${path}: not a valid CSS selector (${problem})`);
  }
  if (errors.length > 0) return { ok: false, reason: 'invalid', errors: errors.slice(0, MAX_ERRORS) };
  return parsed.filled ? { ok: true, rules, filled: parsed.filled } : { ok: true, rules };
}

/** The highest version a rule set may carry (the schema's bound). */
export const MAX_RULE_SET_VERSION = 2_147_483_647;
/** Room for a pretty-printed set: the size limit itself is checked on the compact JSON. */
export const RULE_UPLOAD_BODY_BYTES = RULE_LIMITS.bytes * 2;
