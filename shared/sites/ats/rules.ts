import type { AtsRuleSet, AtsSiteRules, RuleSet } from '../../rules/schema';
import { shippedRules } from '../../rules/shipped';

/**
 * What marks a submitted application on the applicant tracking systems'
 * hosted pages is data in the rule set (`sites.ats`, shared/rules/), so a site
 * change is fixed from the server and `detection.rulesVersion` on an ATS
 * capture names the rules that recognised it. Here it is only given the shape
 * the detector walks: one entry per system, with its id.
 */

export type AtsId = keyof AtsRuleSet;

export interface AtsRules extends AtsSiteRules {
  id: AtsId;
}

const ATS_IDS: readonly AtsId[] = ['greenhouse', 'lever', 'ashby', 'workday'];

/** The systems of a rule set, in a fixed order. */
export function atsRulesOf(rules: RuleSet): readonly AtsRules[] {
  const { ats } = rules.sites;
  return ATS_IDS.map((id) => ({ id, ...ats[id] }));
}

/** The built-in set's, for callers without the active rules at hand (URL checks in tests and tools). */
export const ATS_RULES: readonly AtsRules[] = atsRulesOf(shippedRules);
