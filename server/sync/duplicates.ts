/**
 * The first id that appears twice, if any. One request naming a document
 * many times would make the server read (and answer with) or write that
 * document as many times: 1,000 copies of a 1 MB job is a 1 GB answer.
 */
export function firstDuplicate(ids: Iterable<string>): string | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}
