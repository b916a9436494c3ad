import type { RuleSet } from './schema';

/**
 * Rule sets written before a field existed: the fields each later format of
 * the rule set added, as paths into it. An operator's EXTENSION_RULES_FILE,
 * or a set cached by an older extension, may predate them. Such a set is
 * upgraded by taking each missing field from the built-in set, rather than
 * refused: its own selectors and texts are what its author meant to change,
 * and the new fields are knowledge it could not have had. Fields dropped since
 * (format 1's `recentAppliedMinutes`) need nothing: unknown keys are ignored.
 */
export const ADDED_FIELDS: readonly (readonly string[])[] = [
  // Format 2 (rule-set version 2): the SDUI top card, places that are not an application, walls of other boards.
  ['sites', 'linkedin', 'selectors', 'topCardRoots'],
  ['sites', 'linkedin', 'selectors', 'companyLinks'],
  ['sites', 'linkedin', 'selectors', 'notAppliedState'],
  ['sites', 'generic', 'botChecks'],
  ['sites', 'generic', 'signInForms'],
  ['sites', 'generic', 'titleSuffixes'],
  // Format 3 (rule-set version 3): the applicant tracking systems' submitted states, taken out of the extension's code.
  ['sites', 'ats'],
];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface UpgradedRuleSet {
  /** The input with every missing added field taken from the base; the input itself when nothing was missing. */
  input: unknown;
  /** Dotted paths of the fields taken from the base, for the operator's log. */
  filled: string[];
}

/**
 * Fills in the fields `input` lacks from `base`. Pure: the input is never
 * modified. Anything that is not shaped like a rule set passes unchanged, so
 * validation reports it as it is.
 */
export function upgradeRuleSet(input: unknown, base: RuleSet): UpgradedRuleSet {
  if (!isObject(input)) return { input, filled: [] };
  let result: Json = input;
  const filled: string[] = [];
  for (const path of ADDED_FIELDS) {
    const parents = path.slice(0, -1);
    const key = path[path.length - 1]!;
    let holder: unknown = result;
    for (const step of parents) holder = isObject(holder) ? holder[step] : undefined;
    if (!isObject(holder) || key in holder) continue;
    let from: unknown = base;
    for (const step of path) from = isObject(from) ? from[step] : undefined;
    result = withValue(result, path, structuredClone(from));
    filled.push(path.join('.'));
  }
  return { input: result, filled };
}

/** A copy of `object` along `path` only, with the value at its end set. */
function withValue(object: Json, path: readonly string[], value: unknown): Json {
  const [head, ...rest] = path;
  if (head === undefined) return object;
  const child = object[head];
  return { ...object, [head]: rest.length === 0 ? value : withValue(isObject(child) ? child : {}, rest, value) };
}
