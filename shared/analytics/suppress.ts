/**
 * Which groups of a published table to hide, from the number of people in
 * each (career services publish aggregates only and hide groups of fewer than
 * 10 people; ANALYTICS_MIN_GROUP on this server).
 *
 * A group with fewer than `minGroup` people (and some) is hidden. When the table's rows
 * add up to a total that can be learnt elsewhere (the same applications are
 * split by month, by site, by place and by status, so any one fully shown
 * table gives the total of all of them), hiding the small group alone is not
 * enough: the total minus the shown rows is that group. So, for such a
 * `complementary` table, once anything is hidden the smallest shown group is
 * hidden too. What a subtraction then yields is the sum of the hidden groups,
 * which covers at least one group of `minGroup` people or more, never the
 * small group on its own. When no group is large enough to hide beside it,
 * everything is hidden.
 */
export function hiddenGroups(users: readonly number[], minGroup: number, options: { complementary: boolean }): boolean[] {
  // An empty group tells nothing about anyone: its zero is shown, and needs no partner.
  const hidden = users.map((count) => count > 0 && count < minGroup);
  if (!options.complementary || !hidden.includes(true)) return hidden;
  let partner = -1;
  users.forEach((count, index) => {
    if (!hidden[index] && (partner === -1 || count < users[partner]!)) partner = index;
  });
  if (partner !== -1) hidden[partner] = true;
  return hidden;
}

/** The figure, or null when its group is hidden. */
export function shown<T>(value: T, hidden: boolean): T | null {
  return hidden ? null : value;
}
