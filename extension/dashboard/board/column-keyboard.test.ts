import { describe, expect, it } from 'vitest';
import { columnBeside } from './column-keyboard';

const columns = [
  { id: 'applied', left: 220, width: 200 },
  { id: 'saved', left: 0, width: 200 },
  { id: 'interview', left: 440, width: 200 },
];

describe('keyboard steps between board columns', () => {
  it('steps to the neighbouring column on screen from the one the card is over', () => {
    expect(columnBeside(columns, 'saved', 100, 1)?.id).toBe('applied');
    expect(columnBeside(columns, 'applied', 320, 1)?.id).toBe('interview');
    expect(columnBeside(columns, 'applied', 320, -1)?.id).toBe('saved');
  });

  it('stops at either end', () => {
    expect(columnBeside(columns, 'saved', 100, -1)).toBeUndefined();
    expect(columnBeside(columns, 'interview', 540, 1)).toBeUndefined();
  });

  it('finds where the card is from its centre when it is over no column', () => {
    expect(columnBeside(columns, undefined, 300, 1)?.id).toBe('interview');
    // In the gap between two columns.
    expect(columnBeside(columns, undefined, 210, 1)?.id).toBe('applied');
    expect(columnBeside(columns, undefined, 210, -1)?.id).toBe('saved');
  });
});
