import { describe, expect, it, vi } from 'vitest';
import type { FetchLike } from './api';
import { dropPullEchoes, PulledStates } from './pull-echoes';

const DB = 'http://localhost:5000/db/userdb-61/';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const v1 = { _id: 'linkedin:1', title: 'Engineer', updatedAt: '2026-11-20T10:00:00.000Z' };
const v2 = { _id: 'linkedin:1', title: 'Senior Engineer', updatedAt: '2026-11-20T10:05:00.000Z' };

function server() {
  const pushed: unknown[][] = [];
  const fetchFn = vi.fn<FetchLike>(async (input, init) => {
    if (input.includes('_changes')) {
      return json(200, { results: [{ doc: { ...v1, _rev: '1-a' } }, { doc: { ...v2, _rev: '2-b' } }], last_seq: '2' });
    }
    const docs = (JSON.parse(init!.body as string) as { docs: { _id: string }[] }).docs;
    pushed.push(docs);
    return json(201, docs.map((doc) => ({ ok: true, id: doc._id, rev: '3-c' })));
  });
  return { fetchFn, pushed };
}

const push = (docs: unknown[]): RequestInit => ({ method: 'POST', body: JSON.stringify({ docs }) });

describe('dropPullEchoes', () => {
  it('does not push back an older state this device only pulled, and answers for it as written', async () => {
    const { fetchFn, pushed } = server();
    const wrapped = dropPullEchoes(fetchFn);
    await wrapped(`${DB}_changes?include_docs=true&since=0`, { method: 'GET' });

    const response = await wrapped(`${DB}_bulk_docs`, push([{ ...v1, _rev: '2-b' }]));
    expect(pushed).toEqual([]);
    expect(await response.json()).toEqual([{ ok: true, id: 'linkedin:1', rev: '2-b' }]);
  });

  it('pushes a real edit, also next to an echo, whatever its times', async () => {
    const { fetchFn, pushed } = server();
    const wrapped = dropPullEchoes(fetchFn);
    await wrapped(`${DB}_changes?include_docs=true&since=0`, { method: 'GET' });
    // An edit made on a device whose clock is behind the server's last version.
    const edit = { ...v2, title: 'Staff Engineer', updatedAt: '2026-11-20T09:00:00.000Z' };
    const other = { _id: 'linkedin:2', title: 'New job', updatedAt: '2026-11-20T09:00:00.000Z' };

    const response = await wrapped(`${DB}_bulk_docs`, push([{ ...edit, _rev: '2-b' }, { ...v1, _rev: '2-b' }, other]));
    expect(pushed).toEqual([[{ ...edit, _rev: '2-b' }, other]]);
    expect(((await response.json()) as { id: string }[]).map((row) => row.id)).toEqual(['linkedin:1', 'linkedin:2', 'linkedin:1']);
  });

  it('passes everything through before anything was pulled', async () => {
    const { fetchFn, pushed } = server();
    await dropPullEchoes(fetchFn)(`${DB}_bulk_docs`, push([{ ...v1, _rev: '1-a' }]));
    expect(pushed).toHaveLength(1);
  });
});

describe('PulledStates', () => {
  it('ignores revisions and a false _deleted, but not a deletion', () => {
    const states = new PulledStates();
    states.remember({ ...v1, _rev: '1-a' });
    expect(states.wasPulled({ ...v1, _rev: '9-z', _deleted: false })).toBe(true);
    expect(states.wasPulled({ ...v1, _deleted: true })).toBe(false);
    expect(states.wasPulled({ ...v1, title: 'Other' })).toBe(false);
  });

  it('remembers a bounded number of states per document', () => {
    const states = new PulledStates();
    for (let i = 0; i < 20; i += 1) states.remember({ ...v1, title: `t${i}` });
    expect(states.wasPulled({ ...v1, title: 't19' })).toBe(true);
    expect(states.wasPulled({ ...v1, title: 't0' })).toBe(false);
  });
});
