import { describe, expect, it } from 'vitest';
import type { CouchClient, CouchRequest } from './client';
import { followChanges, type ChangeRow } from './changes-feed';

/** A CouchClient whose `_changes` answers are scripted; the last request waits until aborted, as a longpoll with nothing new does. */
function scriptedClient(answers: (() => { status: number; body: unknown })[]) {
  const requests: CouchRequest[] = [];
  const client = {
    config: { url: 'http://couch.invalid', username: 'u', password: 'p', prefix: 't_' },
    request: () => Promise.reject(new Error('not used')),
    close: () => undefined,
    json(request: CouchRequest) {
      requests.push(request);
      const next = answers.shift();
      if (next) return Promise.resolve(next());
      return new Promise((_, reject) => request.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    },
  } as unknown as CouchClient;
  return { client, requests };
}

describe('followChanges', () => {
  it('passes the opaque sequence back as it came, retries failures with backoff, and stops the poll in flight', async () => {
    const since = (request: CouchRequest) => new URLSearchParams(request.path.split('?')[1]).get('since');
    const { client, requests } = scriptedClient([
      () => ({ status: 200, body: { results: [{ id: 'user:a', doc: { _id: 'user:a' } }], last_seq: '12-g1AAAABteJzLYWBg' } }),
      () => { throw new Error('socket hang up'); },
      () => ({ status: 500, body: { error: 'internal' } }),
      () => ({ status: 200, body: { results: [{ id: 'user:b', deleted: true }], last_seq: '13-g1AAAAB' } }),
    ]);
    const batches: ChangeRow[][] = [];
    const logged: string[] = [];
    const follower = followChanges(client, 't_users', '0', (rows) => batches.push(rows), (message) => logged.push(message), { minBackoffMs: 5, maxBackoffMs: 20 });
    for (let waited = 0; requests.length < 5 && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(requests.map(since)).toEqual(['0', '12-g1AAAABteJzLYWBg', '12-g1AAAABteJzLYWBg', '12-g1AAAABteJzLYWBg', '13-g1AAAAB']);
    expect(requests[0]!.path).toContain('feed=longpoll');
    expect(batches.map((rows) => rows.map((row) => row.id))).toEqual([['user:a'], ['user:b']]);
    // One line when the failures start, one when following works again.
    expect(logged).toEqual(['Following t_users/_changes failed; retrying with backoff', 'Following t_users/_changes again']);
    await follower.stop();
    expect(requests.at(-1)!.signal?.aborted).toBe(true);
  });
});
