/**
 * pdf-lib's standard fonts (the only fonts a PDF can use without embedding
 * one, and what keeps the export small and its text extractable) encode
 * WinAnsi only, and throw on anything else. Text is brought into that set:
 * typographic variants to their plain forms, accented Latin to its base
 * letters, Cyrillic and Greek transliterated, emoji dropped, and any other
 * character replaced by "?". The DOCX keeps the original characters.
 */

const SUBSTITUTES: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '–', '\u2015': '—', '\u2212': '-', '\u2043': '-',
  '\u2032': "'", '\u2033': '"', '\u02bc': "'", '\u02b9': "'", '\u201b': "'", '\u201f': '"',
  '\u25cf': '•', '\u25aa': '•', '\u25a0': '•', '\u25e6': '•', '\u2023': '•', '\u2219': '•', '\u25cb': '•', '\u27a2': '•', '\u2713': '', '\u2714': '',
  '\u2192': '->', '\u2190': '<-', '\u2194': '<->', '\u21d2': '=>', '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2248': '~',
  '\u2116': 'No.', '\u20b9': 'Rs.', '\u20bd': 'RUB', '\u20ba': 'TRY', '\u20a9': 'KRW', '\u20aa': 'ILS', '\u20b4': 'UAH', '\u20a6': 'NGN',
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ħ': 'h', 'Ħ': 'H', 'ı': 'i', 'ŋ': 'ng', 'Ŋ': 'NG', 'ĸ': 'k', 'ŀ': 'l', 'Ŀ': 'L',
  'ə': 'e', 'Ə': 'E', 'ȷ': 'j',
};

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', ђ: 'dj', џ: 'dz', ѕ: 'dz',
};

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o',
  π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

function transliterateLetter(char: string): string | undefined {
  const lower = char.toLowerCase();
  const latin = CYRILLIC[lower] ?? GREEK[lower.normalize('NFD').replace(/\p{M}/gu, '')];
  if (latin === undefined) return undefined;
  if (char === lower || latin === '') return latin;
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

export function toWinAnsi(text: string, encodable: ReadonlySet<number>): string {
  const canEncode = (value: string) => Array.from(value).every((c) => encodable.has(c.codePointAt(0) ?? -1));
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (canEncode(char)) {
      out += char;
      continue;
    }
    const substitute = SUBSTITUTES[char];
    if (substitute !== undefined && canEncode(substitute)) {
      out += substitute;
      continue;
    }
    // Joiners, direction marks, variation selectors, emoji: nothing to print in a plain-text resume.
    if (/[\p{Cf}\p{M}\p{Extended_Pictographic}]/u.test(char)) continue;
    if (/\p{Zs}/u.test(char)) {
      out += ' ';
      continue;
    }
    // "é" has its own code, "ő" does not: its base letter does. Also ligatures and full-width forms.
    const decomposed = char.normalize('NFKD').replace(/\p{M}/gu, '');
    if (decomposed && decomposed !== char && canEncode(decomposed)) {
      out += decomposed;
      continue;
    }
    const transliterated = transliterateLetter(char);
    out += transliterated !== undefined && canEncode(transliterated) ? transliterated : '?';
  }
  return out;
}
