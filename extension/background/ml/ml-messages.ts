import { parsedResumeSchema } from '../../../shared/resume/parsed-resume';
import { toReplyError } from '../account/account';
import { createAuthFetch } from '../account/auth-fetch';
import { mlMatch, type FetchLike } from '../api';
import { fits, pageMessageAdder, type ExtensionPages } from '../messages/checks';
import type { MessageRegistry } from '../messages/registry';
import type { ExtensionStore } from '../storage';

/** The server's own body limit for /api/ml (server/ml/routes.ts): a bigger message would only be refused there. */
const MAX_ML_MESSAGE_BYTES = 256 * 1024;

/**
 * The server's ML answers for the extension's pages. Only a page the person
 * has open asks (the job page's Match panel); the background adds the token,
 * so pages never hold one. Not signed in, or any failure, is an error reply:
 * the page keeps the answer computed on the device.
 */
export interface MlMessageDeps {
  store: ExtensionStore;
  fetch?: FetchLike;
}

export function addMlHandlers(registry: MessageRegistry, deps: MlMessageDeps & ExtensionPages): void {
  const { store } = deps;
  const authFetch = createAuthFetch({ store, ...(deps.fetch ? { fetch: deps.fetch } : {}), onSessionExpired: () => store.expire() });
  const page = pageMessageAdder(registry, deps);
  page('ml:match', async (request) => {
    if (!fits(request, MAX_ML_MESSAGE_BYTES)) return { ok: false, error: { message: 'This resume and job are too large to send.' } };
    const resume = parsedResumeSchema.safeParse(request.resume);
    if (!resume.success) return { ok: false, error: { message: 'The resume is not a parsed resume.' } };
    const [account, tokens] = await Promise.all([store.account(), store.get()]);
    if (!account || account.needsLogin || !tokens) return { ok: false, error: { message: 'Sign in first.' } };
    try {
      return { ok: true, match: await mlMatch(authFetch, tokens.serverUrl, { resume: resume.data, job: request.job }) };
    } catch (error) {
      return { ok: false, error: toReplyError(error) };
    }
  });
}
