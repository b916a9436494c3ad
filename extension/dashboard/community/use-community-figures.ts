import { useEffect, useState } from 'react';
import type { Platform } from '../../../shared/schema';
import type { AccountState } from '../../background/account/account';
import type { CommunityAnswer } from '../../background/community/community-messages';
import { ask } from '../../ui/background-client';

/**
 * The pooled figures for these companies and sites, asked once when the page
 * showing them opens, and only for a signed-in person (the background fetches
 * when online, else answers with the figures it kept). Undefined until then,
 * and when signed out or on any failure: the page simply shows no figure.
 */
export function useCommunityFigures(companies: readonly string[], sites: readonly Platform[]): CommunityAnswer | undefined {
  const [answer, setAnswer] = useState<CommunityAnswer>();
  // Arrays are new on every render: the request is identified by its content.
  const key = JSON.stringify([companies, sites]);
  useEffect(() => {
    setAnswer(undefined);
    const [askedCompanies, askedSites] = JSON.parse(key) as [string[], Platform[]];
    if (askedCompanies.length === 0 && askedSites.length === 0) return;
    let cancelled = false;
    void (async () => {
      const auth = await ask<AccountState>({ type: 'auth:state' });
      if (cancelled || !auth.ok || !auth.account || auth.account.needsLogin) return;
      const reply = await ask<CommunityAnswer>({ type: 'community:figures', companies: askedCompanies, sites: askedSites });
      if (!cancelled && reply.ok) setAnswer(reply);
    })();
    return () => {
      cancelled = true;
    };
  }, [key]);
  return answer;
}

/** "7 Dec 2026, 10:04": when kept figures were fetched. */
export function fetchedOn(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
