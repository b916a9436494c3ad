import { useEffect, useState } from 'react';
import type { MatchJob, MatchResult } from '../../../shared/match/match';
import type { Resume } from '../../../shared/resume/doc';
import type { AccountState } from '../../background/account/account';
import type { ServerMatch } from '../../background/api';
import { ask } from '../../ui/background-client';

export type ServerMatchState = { state: 'none' } | { state: 'done'; result: MatchResult; engine: string };

/**
 * The server's match while this panel is open, when the person is signed in
 * and online; nothing otherwise, and nothing on any failure (the page shows
 * the device's answer, silently). Asked once per resume and job text.
 */
export function useServerMatch(resume: Resume | undefined, job: MatchJob): ServerMatchState {
  const [state, setState] = useState<ServerMatchState>({ state: 'none' });
  const { title, description, location } = job;
  useEffect(() => {
    setState({ state: 'none' });
    if (!resume || !title || !navigator.onLine) return;
    let cancelled = false;
    void (async () => {
      const auth = await ask<AccountState>({ type: 'auth:state' });
      if (cancelled || !auth.ok || !auth.account || auth.account.needsLogin) return;
      const body = { title, ...(description !== undefined ? { description } : {}), ...(location !== undefined ? { location } : {}) };
      const reply = await ask<{ match: ServerMatch }>({ type: 'ml:match', resume: resume.resume, job: body });
      if (cancelled || !reply.ok) return;
      const { engine, ...result } = reply.match;
      setState({ state: 'done', result, engine });
    })();
    return () => {
      cancelled = true;
    };
  }, [resume, title, description, location]);
  return state;
}
