import { describe, expect, it } from 'vitest';
import { characterErrorRate, levenshtein, normaliseForCer } from './cer';

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('Zürich', 'Zurich')).toBe(1);
  });
});

describe('characterErrorRate', () => {
  it('is 0 when only bullets, dashes, quotes and whitespace differ', () => {
    const truth = '• Led the team — “fast”\nMarch 2021 – Present';
    const output = '  Led the team - "fast" March 2021 - Present';
    expect(normaliseForCer(truth)).toBe(normaliseForCer(output));
    expect(characterErrorRate(truth, output)).toBe(0);
  });

  it('divides the edit distance by the length of the ground truth', () => {
    expect(characterErrorRate('abcdefghij', 'abcdefghiX')).toBeCloseTo(0.1);
    expect(characterErrorRate('abcd', '')).toBe(1);
  });
});
