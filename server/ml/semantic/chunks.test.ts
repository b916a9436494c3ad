import { describe, expect, it } from 'vitest';
import { textChunks } from './chunks';

describe('textChunks', () => {
  it('keeps a short text whole, with its whitespace collapsed', () => {
    expect(textChunks('Built  pipelines\nin Python.')).toEqual(['Built pipelines in Python.']);
  });

  it('cuts a long text into pieces of the given size and reads only the first ones', () => {
    const words = Array.from({ length: 25 }, (_, i) => `w${i}`);
    expect(textChunks(words.join(' '), 10, 5)).toEqual([words.slice(0, 10).join(' '), words.slice(10, 20).join(' '), words.slice(20).join(' ')]);
    expect(textChunks(words.join(' '), 10, 2)).toEqual([words.slice(0, 10).join(' '), words.slice(10, 20).join(' ')]);
  });

  it('gives no piece for a blank text', () => {
    expect(textChunks(' \n\t ')).toEqual([]);
  });
});
