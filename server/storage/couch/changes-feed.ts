import { CouchHttpError, type CouchClient } from './client';

/**
 * Follows one CouchDB database's `_changes` as a longpoll loop, so that what
 * another server instance writes reaches this one. `since` is CouchDB's opaque
 * sequence, passed back as it came (a string from CouchDB 2+, a number from
 * the stand-in). A failed poll waits, doubling from `minBackoffMs` up to
 * `maxBackoffMs`, and says so once per run of failures; stop() ends the poll
 * in flight.
 */

export interface ChangeRow {
  id: string;
  deleted?: boolean;
  doc?: ({ _id: string } & Record<string, unknown>) | null;
}

interface ChangesAnswer {
  results?: ChangeRow[];
  last_seq?: string | number;
}

export interface FollowOptions {
  /** How long CouchDB holds a poll open when nothing changes. */
  pollTimeoutMs?: number;
  /** Changes per answer: with include_docs an answer holds this many documents. */
  batch?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** The sequence a database is at now, opaque, as its info reports it. */
export async function currentSequence(client: CouchClient, remote: string): Promise<string> {
  const info = await client.json<{ update_seq?: string | number }>({ method: 'GET', path: `/${encodeURIComponent(remote)}` });
  if (info.status !== 200 || info.body?.update_seq === undefined) throw new CouchHttpError(info.status, `reading ${remote}`, 'no update_seq');
  return String(info.body.update_seq);
}

export function followChanges(
  client: CouchClient,
  remote: string,
  since: string,
  apply: (rows: ChangeRow[]) => void,
  log: (message: string, error?: unknown) => void,
  options: FollowOptions = {},
): { stop(): Promise<void> } {
  const pollTimeoutMs = options.pollTimeoutMs ?? 30_000;
  const batch = options.batch ?? 200;
  const minBackoffMs = options.minBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const stopping = new AbortController();
  let position = since;

  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    stopping.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

  async function loop(): Promise<void> {
    let backoffMs = minBackoffMs;
    let failing = false;
    while (!stopping.signal.aborted) {
      try {
        const query = `feed=longpoll&include_docs=true&timeout=${pollTimeoutMs}&limit=${batch}&since=${encodeURIComponent(position)}`;
        const answer = await client.json<ChangesAnswer>({ method: 'GET', path: `/${encodeURIComponent(remote)}/_changes?${query}`, signal: stopping.signal });
        if (answer.status !== 200 || !Array.isArray(answer.body?.results) || answer.body.last_seq === undefined) {
          throw new CouchHttpError(answer.status, `following ${remote}/_changes`, 'unexpected answer');
        }
        if (answer.body.results.length > 0) apply(answer.body.results);
        position = String(answer.body.last_seq);
        if (failing) log(`Following ${remote}/_changes again`);
        failing = false;
        backoffMs = minBackoffMs;
      } catch (error) {
        if (stopping.signal.aborted) return;
        if (!failing) log(`Following ${remote}/_changes failed; retrying with backoff`, error);
        failing = true;
        await pause(backoffMs);
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
      }
    }
  }

  const running = loop();
  return {
    stop() {
      stopping.abort();
      return running;
    },
  };
}
