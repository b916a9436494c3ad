import { describe, expect, it } from 'vitest';
import { reconcile, type ReconcileOps } from './reconcile';

type S = Record<string, string>;
const ops: ReconcileOps<S> = {
  equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  // Field-wise: a field changed on one side against the base wins; both changed, the remote wins.
  merge: (base, local, remote) => {
    const out: S = { ...remote };
    for (const key of Object.keys(local)) if (base?.[key] !== local[key] && base?.[key] === remote[key]) out[key] = local[key]!;
    return out;
  },
};

describe('reconcile', () => {
  it('takes the server version for a document this device does not have', async () => {
    expect(await reconcile(undefined, undefined, { a: '1' }, ops)).toEqual({ write: { a: '1' }, push: false });
  });

  it('takes the server version over an unedited local one', async () => {
    expect(await reconcile({ a: '1' }, { a: '1' }, { a: '2' }, ops)).toEqual({ write: { a: '2' }, push: false });
  });

  it('writes nothing when the local state already is the server version', async () => {
    expect(await reconcile({ a: '2' }, { a: '1' }, { a: '2' }, ops)).toEqual({ write: undefined, push: false });
    expect(await reconcile({ a: '2' }, undefined, { a: '2' }, ops)).toEqual({ write: undefined, push: false });
  });

  it('merges local edits with the server version and pushes the result', async () => {
    const result = await reconcile({ a: '1', b: 'mine' }, { a: '1', b: '0' }, { a: 'theirs', b: '0' }, ops);
    expect(result).toEqual({ write: { a: 'theirs', b: 'mine' }, push: true });
  });

  it('does not push a merge that equals the server version', async () => {
    // The local edit is already on the server (its push succeeded, the answer was lost).
    expect(await reconcile({ a: '2' }, { a: '1' }, { a: '2' }, ops)).toEqual({ write: undefined, push: false });
  });

  it('merges a document first seen on both sides without a base', async () => {
    const result = await reconcile({ a: 'mine' }, undefined, { b: 'theirs' }, ops);
    expect(result.push).toBe(true);
    expect(result.write).toEqual({ a: 'mine', b: 'theirs' });
  });
});
