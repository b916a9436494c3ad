import { describe, expect, it } from 'vitest';
import { PulledStates } from './pull-echoes';

const v1 = { _id: 'linkedin:1', title: 'Engineer', updatedAt: '2026-11-20T10:00:00.000Z' };

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
