import { emptyFiguresCopy, figuresFor, normaliseRequest, withFetched, type FiguresAnswer, type FiguresCopy } from '../../../shared/community/figures-copy';
import { toReplyError } from '../account/account';
import { ownerOf } from '../account/account-settings';
import { createAuthFetch } from '../account/auth-fetch';
import { ApiError, getCommunityFigures, type FetchLike } from '../api';
import { pageMessageAdder, type ExtensionPages } from '../messages/checks';
import type { MessageRegistry } from '../messages/registry';
import { STORAGE_KEYS, type ExtensionStore } from '../storage';

/**
 * Pooled figures from the person's server (GET /api/analytics/community) for
 * the job page and Insights: asked only by those pages while open, only when
 * signed in and online. Each answer is kept on the device for that account,
 * so offline the pages show the last figures with the time they were fetched.
 */

export interface CommunityMessageDeps {
  store: ExtensionStore;
  fetch?: FetchLike;
  /** Whether the browser believes it is online; no request is tried when it does not. */
  isOnline?: () => boolean;
}

/** `offline`: nothing could be fetched now; the figures are those kept from earlier fetches. */
export type CommunityAnswer = FiguresAnswer & { offline: boolean };

export function addCommunityHandlers(registry: MessageRegistry, deps: CommunityMessageDeps & ExtensionPages): void {
  const { store } = deps;
  const isOnline = deps.isOnline ?? (() => navigator.onLine);
  const authFetch = createAuthFetch({ store, ...(deps.fetch ? { fetch: deps.fetch } : {}), onSessionExpired: () => store.expire() });
  const page = pageMessageAdder(registry, deps);
  page('community:figures', async (request) => {
    const [account, tokens] = await Promise.all([store.account(), store.get()]);
    if (!account || account.needsLogin || !tokens) return { ok: false, error: { message: 'Sign in first.' } };
    const owner = ownerOf(account);
    const asked = normaliseRequest(request);
    const copy = (await store.serverCopy<FiguresCopy>(STORAGE_KEYS.communityFigures, owner))?.value ?? emptyFiguresCopy();
    if (isOnline()) {
      try {
        const answer = await getCommunityFigures(authFetch, tokens.serverUrl, asked);
        const fetchedAt = new Date().toISOString();
        const next = withFetched(copy, asked, answer, fetchedAt);
        await store.setServerCopy(STORAGE_KEYS.communityFigures, { owner, fetchedAt, value: next });
        return { ok: true, ...figuresFor(next, asked), offline: false };
      } catch (error) {
        if (!(error instanceof ApiError && error.kind === 'network')) return { ok: false, error: toReplyError(error) };
      }
    }
    return { ok: true, ...figuresFor(copy, asked), offline: true };
  });
}
