import { describe, expect, it } from 'vitest';
import { commonestSpelling } from './commonest-spelling';

describe('commonestSpelling', () => {
  it('takes the most used spelling, a tie going to the alphabetically first whatever the order', () => {
    expect(commonestSpelling(new Map([['Bengaluru', 3], ['Bangalore', 5]]))).toBe('Bangalore');
    expect(commonestSpelling(new Map([['Globex Inc', 2], ['Globex', 2]]))).toBe('Globex');
    expect(commonestSpelling(new Map([['Globex', 2], ['Globex Inc', 2]]))).toBe('Globex');
    expect(commonestSpelling(new Map())).toBe('');
  });
});
