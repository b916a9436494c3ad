import type { Tokens } from '../../../extension/background/account/tokens';

/**
 * Sees documents arrive on the server, independently of the client that
 * wrote them: a longpoll on the user's `_changes` from the bench process.
 * Arrival times are ms since the epoch (performance.timeOrigin based), like
 * the write times the clients report.
 */
export interface ServerWatch {
  /** First time each document id was seen on the server. */
  seen: Map<string, number>;
  stop(): Promise<void>;
}

export function watchServer(tokens: Tokens): ServerWatch {
  const seen = new Map<string, number>();
  const abort = new AbortController();
  const loop = (async () => {
    let since: unknown = 0;
    while (!abort.signal.aborted) {
      const url = `${tokens.syncUrl}_changes?feed=longpoll&timeout=10000&since=${encodeURIComponent(String(since))}`;
      let body: { results: { id: string }[]; last_seq: unknown };
      try {
        const response = await fetch(url, { headers: { authorization: `Bearer ${tokens.accessToken}` }, signal: abort.signal });
        body = (await response.json()) as typeof body;
      } catch (error) {
        if (abort.signal.aborted) return;
        throw error;
      }
      const at = performance.timeOrigin + performance.now();
      for (const row of body.results) if (!seen.has(row.id)) seen.set(row.id, at);
      since = body.last_seq;
    }
  })();
  return {
    seen,
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
