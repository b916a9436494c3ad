/**
 * A text as the pieces the sentence encoder reads. The encoder's cost grows
 * faster than the text (about 0.3 s at 2,000 words, 15 s at 7,000, minutes at
 * 27,000, measured on these machines), so a text is cut into pieces of a few
 * hundred words that are embedded apart and averaged, and only the first
 * pieces are read: enough for any real resume or job posting, and a bound on
 * the time a 200,000-character input can take.
 */

export const CHUNK_WORDS = 200;
export const MAX_CHUNKS = 16;

/** Whitespace-separated words in order, CHUNK_WORDS to a piece, at most MAX_CHUNKS pieces; none for a blank text. */
export function textChunks(text: string, chunkWords = CHUNK_WORDS, maxChunks = MAX_CHUNKS): string[] {
  const chunks: string[] = [];
  let words: string[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    words.push(match[0]);
    if (words.length === chunkWords) {
      chunks.push(words.join(' '));
      words = [];
      if (chunks.length === maxChunks) return chunks;
    }
  }
  if (words.length > 0) chunks.push(words.join(' '));
  return chunks;
}
