import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { RuleSet } from '../../shared/rules/schema';
import type { RunnerDeps } from './capture-runner';

/** The browser side of a capture content script: messages to the background, and its lifetime. */
export function runtimeDeps(ctx: ContentScriptContext): RunnerDeps {
  return {
    send: (message) => browser.runtime.sendMessage(message),
    async loadRules() {
      const reply = (await browser.runtime.sendMessage({ type: 'rules:active' })) as { ok?: boolean; rules?: RuleSet } | undefined;
      return reply?.ok ? reply.rules : undefined;
    },
    onInvalidated: (stop) => ctx.onInvalidated(stop),
  };
}
