import type { RuleSet } from '../../../shared/rules/schema';
import { loadActiveRules } from '../../rules/active-rules';
import type { MessageSender } from '../messages/sender';

export type RulesReply = { ok: true; rules: RuleSet } | { ok: false; error: 'unknown sender' };

export interface ContentRulesDeps {
  runtimeId: string;
  /** The active rule set: a validated newer one from the server, else the shipped one. */
  rules: () => Promise<RuleSet>;
}

/**
 * Content scripts ask the background for the active rules instead of reading
 * storage themselves: validating a stored set needs the rule-set schema and
 * zod, which would multiply the size of every content script. The background
 * has both loaded already. The reply is data only, cloned by the browser.
 */
export async function handleRulesRequest(sender: MessageSender, deps: ContentRulesDeps): Promise<RulesReply> {
  if (sender.id !== deps.runtimeId) return { ok: false, error: 'unknown sender' };
  return { ok: true, rules: await deps.rules() };
}

/** The rules content scripts get: a cached newer set from the server when valid, else the shipped one. */
export function activeRules(): Promise<RuleSet> {
  return loadActiveRules();
}
