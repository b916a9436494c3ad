import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, MAX_CHUNKS, textChunks } from './chunks';

describe('textChunks', () => {
  it('keeps a short text whole, with its whitespace collapsed', () => {
    expect(textChunks('Built  pipelines\nin Python.')).toEqual(['Built pipelines in Python.']);
  });

  it('cuts a long text into pieces of the given size and reads only the first ones', () => {
    const words = Array.from({ length: 25 }, (_, i) => `w${i}`);
    expect(textChunks(words.join(' '), { words: 10, chunks: 5 })).toEqual([words.slice(0, 10).join(' '), words.slice(10, 20).join(' '), words.slice(20).join(' ')]);
    expect(textChunks(words.join(' '), { words: 10, chunks: 2 })).toEqual([words.slice(0, 10).join(' '), words.slice(10, 20).join(' ')]);
  });

  it('also ends a piece at its character limit', () => {
    expect(textChunks('aaaa bbbb cccc dddd', { chars: 9 })).toEqual(['aaaa bbbb', 'cccc dddd']);
  });

  it('cuts words that are too long to be language, and bounds what the largest accepted input gives', () => {
    expect(textChunks(`see ${'x'.repeat(500)} now`, { wordChars: 5 })).toEqual(['see xxxxx now']);
    const pieces = textChunks('y'.repeat(200_000));
    expect(pieces).toEqual(['y'.repeat(40)]);
    const noisy = textChunks(Array.from({ length: 20_000 }, (_, i) => `${i}`.padStart(12, 'z')).join(' '));
    expect(noisy).toHaveLength(MAX_CHUNKS);
    for (const piece of noisy) expect(piece.length).toBeLessThanOrEqual(CHUNK_CHARS);
  });

  it('gives no piece for a blank text', () => {
    expect(textChunks(' \n\t ')).toEqual([]);
  });
});
