export { ruleSetSchema, RULE_LIMITS } from './schema';
export type { RuleSet, LinkedInRules, InternshalaRules, GenericRules, KnownHostRules, JobIdSource } from './schema';
export { shippedRules } from './shipped';
export { parseRuleSet, newerRuleSet, type ParseRuleSetResult } from './parse';
export { compileText, compilePath, matchAnyText, normaliseText, type CompiledText, type CompiledPath, type TextMatch } from './template';
