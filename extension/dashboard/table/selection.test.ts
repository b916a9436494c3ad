import { describe, expect, it } from 'vitest';
import { selectedAmong, selectionState, toggleRow } from './selection';

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('row selection', () => {
  it('toggles one row', () => {
    const one = toggleRow(new Set(), ids, 1, undefined, false);
    expect([...one]).toEqual(['b']);
    expect([...toggleRow(one, ids, 1, 1, false)]).toEqual([]);
  });

  it('selects the range from the anchor on shift-click, in either direction', () => {
    expect([...toggleRow(new Set(['b']), ids, 3, 1, true)].sort()).toEqual(['b', 'c', 'd']);
    expect([...toggleRow(new Set(['d']), ids, 0, 3, true)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('clears the range when the clicked row was selected', () => {
    expect([...toggleRow(new Set(ids), ids, 3, 1, true)].sort()).toEqual(['a', 'e']);
  });

  it('falls back to one row without an anchor, or with one past the list', () => {
    expect([...toggleRow(new Set(), ids, 2, undefined, true)]).toEqual(['c']);
    expect([...toggleRow(new Set(), ids, 2, 9, true)]).toEqual(['c']);
  });

  it('acts only on the rows shown, in their order', () => {
    expect(selectedAmong(new Set(['e', 'a', 'gone']), ids)).toEqual(['a', 'e']);
    expect(selectionState(0, 5)).toBe('none');
    expect(selectionState(2, 5)).toBe('some');
    expect(selectionState(5, 5)).toBe('all');
  });
});
