/**
 * A text as the pieces the sentence encoder reads. The encoder's cost grows
 * faster than the text (about 0.3 s at 2,000 words, 15 s at 7,000, minutes at
 * 27,000, measured on these machines), and with the length of a single
 * "word" (a 20,000-character run without spaces took 2 s), so a text is cut
 * into pieces of at most 200 words and 1,600 characters, each word cut to 40
 * characters (longer ones are links, hashes or noise, not language), which
 * are embedded apart and averaged; only the first 16 pieces are read: enough
 * for any real resume or job posting, and a bound on the time any accepted
 * input can take.
 */

export const CHUNK_WORDS = 200;
export const CHUNK_CHARS = 1_600;
export const MAX_WORD_CHARS = 40;
export const MAX_CHUNKS = 16;

export interface ChunkLimits {
  words?: number;
  chars?: number;
  wordChars?: number;
  chunks?: number;
}

/** Whitespace-separated words in order, cut into pieces within the limits; none for a blank text. */
export function textChunks(text: string, limits: ChunkLimits = {}): string[] {
  const maxWords = limits.words ?? CHUNK_WORDS;
  const maxChars = limits.chars ?? CHUNK_CHARS;
  const wordChars = limits.wordChars ?? MAX_WORD_CHARS;
  const maxChunks = limits.chunks ?? MAX_CHUNKS;
  const chunks: string[] = [];
  let words: string[] = [];
  let chars = 0;
  for (const match of text.matchAll(/\S+/g)) {
    const word = match[0].slice(0, wordChars);
    if (words.length === maxWords || (words.length > 0 && chars + 1 + word.length > maxChars)) {
      chunks.push(words.join(' '));
      if (chunks.length === maxChunks) return chunks;
      words = [];
      chars = 0;
    }
    chars += (words.length > 0 ? 1 : 0) + word.length;
    words.push(word);
  }
  if (words.length > 0) chunks.push(words.join(' '));
  return chunks;
}
