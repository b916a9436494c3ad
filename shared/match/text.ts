/**
 * Text normalisation and tokens for matching. wink-nlp (with its English
 * model shipped inside the package, so nothing is fetched) does the
 * tokenising and Porter stemming; this module only adds what matching needs on
 * top: one spelling for British/American variants, hyphenated words split,
 * and the original surface form kept for case-sensitive rules ("Go", "R").
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export { MAX_TEXT_CHARS, MatchInputError, checkTextSize } from './input-limits';

export interface Token {
  /** As written (for case-sensitive rules). */
  readonly surface: string;
  /** Lower case. */
  readonly norm: string;
  /** Porter stem of the spelling-normalised word; punctuation stays as is. */
  readonly stem: string;
  readonly isWord: boolean;
}

let nlp: ReturnType<typeof winkNLP> | undefined;
/**
 * Loaded on first use: the model costs a few milliseconds to read. With no
 * pipeline (no sentence splitting, entities, negation, sentiment or parts of
 * speech): matching reads only each token's value, type and stem, which the
 * tokenizer gives alone, and reading a text is several times faster.
 */
function engine(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model, []);
  return nlp;
}

/** Quotes, dashes and compounds written several ways become one form. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2022\u25cf\u25aa\u25e6\u2023\u2043]/g, '\n')
    .replace(/\b(front|back)[\s-]end\b/gi, '$1end')
    .replace(/\bfull[\s-]stack\b/gi, 'fullstack')
    .replace(/[ \t]+/g, ' ');
}

/** British spellings map to American ones before stemming, so "optimised" meets "optimized". */
function americanise(word: string): string {
  if (word.length < 6) return word;
  return word
    .replace(/is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/ys(e|es|ed|ing)$/, 'yz$1')
    .replace(/ll(ed|ing)$/, 'l$1')
    .replace(/our$/, 'or');
}

const WORDISH = new Set(['word', 'number', 'alpha_numeric', 'email', 'url', 'hashtag', 'mention']);

/**
 * wink's tokenizer takes time growing with the square of a run without spaces
 * (16,000 characters: seconds; the 200,000 accepted: minutes), and no word
 * of any language is that long: runs are cut every 100 characters (links and
 * hashes only), so any accepted text reads in linear time.
 */
function breakLongRuns(text: string): string {
  return text.replace(/\S{100}(?=\S)/g, '$& ');
}

/** Tokens of one text, in order. Possessive "'s" is dropped; "on-call" becomes "on", "call". */
export function tokenize(text: string): Token[] {
  const doc = engine().readDoc(breakLongRuns(normalizeText(text)));
  const its = engine().its;
  const surfaces = doc.tokens().out(its.value) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const out: Token[] = [];
  surfaces.forEach((surface, i) => {
    const type = types[i] ?? 'word';
    // Possessives and hyphens carry nothing for matching: "Amazon's cloud" is "Amazon cloud", "on-call" is "on call".
    if (surface === "'s" || surface === "'" || surface === '-') return;
    const parts = type === 'word' && surface.includes('-') ? surface.split('-').filter(Boolean) : [surface];
    for (const part of parts) out.push(makeToken(part, WORDISH.has(type)));
  });
  return out;
}

const stemCache = new Map<string, string>();
function stemOf(norm: string): string {
  let stem = stemCache.get(norm);
  if (stem === undefined) {
    // wink stems within a document; one word at a time keeps the cache simple.
    const its = engine().its;
    // wink's typings give `its.stem` an addons parameter `out` does not declare; at run time it is a plain token property.
    const stemIts = its.stem as unknown as typeof its.value;
    const words = engine().readDoc(americanise(norm)).tokens().out(stemIts) as string[];
    stem = words.join('');
    if (stemCache.size < 50_000) stemCache.set(norm, stem);
  }
  return stem;
}

function makeToken(surface: string, isWord: boolean): Token {
  const norm = surface.toLowerCase();
  return { surface, norm, stem: isWord && /[a-z]/.test(norm) ? stemOf(norm) : norm, isWord };
}

/**
 * Lines and sentences: the units a match quotes as evidence. A resume's
 * bullet is a line; a paragraph is cut into its sentences.
 */
export function evidenceUnits(text: string): string[] {
  const units: string[] = [];
  for (const rawLine of normalizeText(text).split(/\r?\n/)) {
    // A bullet's marker is not part of the line a match quotes.
    const line = rawLine.trim().replace(/^[-*\u2013>]\s+/, '');
    if (!line) continue;
    if (line.length <= 160) {
      units.push(line);
      continue;
    }
    // A full stop ends a sentence only before a space and a capital: "Node.js" and "3.5" stay whole
    // (wink's sentence splitter cuts "Next.js" in two).
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/)) {
      // A long sentence of "did X; did Y" clauses is quoted clause by clause.
      const parts = s.length > 160 ? s.split(/;\s+/) : [s];
      for (const part of parts) if (part.trim()) units.push(part.trim());
    }
  }
  return units;
}

const STOP = new Set(
  ('a an and are as at be by for from has have in into is it its of on or our that the their this to was we were will with you your ' +
    'who what which while within across about over per via etc also all any can more most other such than then these those they ' +
    'strong team teams work working looking join role experience years year skills ability plus nice must required requirements ' +
    'preferred bonus including include knowledge understanding good great excellent new using use used build built')
    .split(' '),
);

/** Content-word stems (stop words and punctuation removed): the terms lexical relevance counts. */
export function contentStems(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.isWord && t.stem.length > 1 && !STOP.has(t.norm) && !/^\d+$/.test(t.norm)).map((t) => t.stem);
}
