/**
 * Character error rate of extracted text against ground truth, scored as the
 * fixtures' README describes: both sides normalised (NFKC, dashes to "-",
 * bullets to spaces, straight quotes, collapsed whitespace), then the
 * Levenshtein distance divided by the ground truth's length.
 */
export function normaliseForCer(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-')
    .replace(/[•◦▪●■\u2023\u2043\u25cf\u25e6\uf0b7]/g, ' ')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const substitute = previous[j - 1]! + (xi === y[j - 1] ? 0 : 1);
      current[j] = Math.min(substitute, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

export function characterErrorRate(groundTruth: string, output: string): number {
  const truth = normaliseForCer(groundTruth);
  const got = normaliseForCer(output);
  if (truth.length === 0) return got.length === 0 ? 0 : 1;
  return levenshtein(truth, got) / [...truth].length;
}
