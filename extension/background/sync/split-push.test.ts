import { describe, expect, it } from 'vitest';
import { splitLargePushes } from './split-push';

const URL_ = 'http://server/db/_bulk_docs';
const doc = (id: number) => ({ _id: `job-${id}`, text: 'x'.repeat(100) });

function recordingServer(status = 201) {
  const bodies: { docs: { _id: string }[]; new_edits?: boolean }[] = [];
  const fetchFn = async (_input: string, init?: RequestInit) => {
    const body = JSON.parse(init!.body as string) as (typeof bodies)[number];
    bodies.push(body);
    if (status !== 201) return new Response('{"error":"nope"}', { status });
    return new Response(JSON.stringify(body.docs.map((d) => ({ ok: true, id: d._id, rev: '1-a' }))), { status: 201 });
  };
  return { bodies, fetchFn };
}

describe('splitLargePushes', () => {
  it('sends a push over the limit as parts under it, in order, and joins the answers', async () => {
    const server = recordingServer();
    const push = splitLargePushes(server.fetchFn, 1_000);
    const docs = Array.from({ length: 20 }, (_, i) => doc(i));
    const response = await push(URL_, { method: 'POST', body: JSON.stringify({ docs, new_edits: true }) });
    expect(response.status).toBe(201);
    const rows = (await response.json()) as { id: string }[];
    expect(rows.map((row) => row.id)).toEqual(docs.map((d) => d._id));
    expect(server.bodies.length).toBeGreaterThan(2);
    for (const body of server.bodies) {
      expect(JSON.stringify(body).length).toBeLessThanOrEqual(1_000);
      expect(body.new_edits).toBe(true);
    }
  });

  it('leaves small pushes and other requests alone, and returns a failed part as the answer', async () => {
    const small = recordingServer();
    await splitLargePushes(small.fetchFn, 10_000)(URL_, { method: 'POST', body: JSON.stringify({ docs: [doc(1)] }) });
    expect(small.bodies).toHaveLength(1);

    const failing = recordingServer(503);
    const response = await splitLargePushes(failing.fetchFn, 500)(URL_, { method: 'POST', body: JSON.stringify({ docs: [doc(1), doc(2), doc(3), doc(4)] }) });
    expect(response.status).toBe(503);
    expect(failing.bodies).toHaveLength(1);
  });
});
