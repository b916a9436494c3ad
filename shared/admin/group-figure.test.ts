import { describe, expect, it } from 'vitest';
import { drawable, formatGroupFigure, formatShare } from './group-figure';

describe('group figures', () => {
  it('writes a hidden figure with the group size that hides it', () => {
    expect(formatGroupFigure(null, 10)).toBe('hidden (fewer than 10 people)');
    expect(formatGroupFigure(42, 10)).toBe('42');
    expect(formatGroupFigure(0.256, 5, formatShare)).toBe('26%');
  });

  it('keeps only rows with the figure for a chart', () => {
    const rows = [{ key: 'a', users: 12 }, { key: 'b', users: null }, { key: 'c', users: 0 }];
    expect(drawable(rows, 'users').map((row) => row.key)).toEqual(['a', 'c']);
  });
});
