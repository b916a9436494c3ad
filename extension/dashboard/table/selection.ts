/**
 * Which rows are selected, as a set of job ids. Pure: the table keeps the
 * set in state and these compute the next one.
 */

/** Toggles one row; with `range`, sets every row from the anchor to it (shift-click) to the clicked row's new state. */
export function toggleRow(
  selected: ReadonlySet<string>,
  orderedIds: readonly string[],
  index: number,
  anchor: number | undefined,
  range: boolean,
): Set<string> {
  const next = new Set(selected);
  const id = orderedIds[index];
  if (id === undefined) return next;
  const select = !selected.has(id);
  const from = range && anchor !== undefined && anchor < orderedIds.length ? Math.min(anchor, index) : index;
  const to = range && anchor !== undefined && anchor < orderedIds.length ? Math.max(anchor, index) : index;
  for (let i = from; i <= to; i += 1) {
    if (select) next.add(orderedIds[i]!);
    else next.delete(orderedIds[i]!);
  }
  return next;
}

/** The selected rows among those shown, in their order: what a bulk action applies to. */
export function selectedAmong(selected: ReadonlySet<string>, orderedIds: readonly string[]): string[] {
  if (selected.size === 0) return [];
  return orderedIds.filter((id) => selected.has(id));
}

/** For the "select all" box: every shown row selected, some, or none. */
export function selectionState(selectedShown: number, shown: number): 'all' | 'some' | 'none' {
  if (selectedShown === 0) return 'none';
  return selectedShown === shown ? 'all' : 'some';
}
