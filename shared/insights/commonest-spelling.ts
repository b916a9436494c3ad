/**
 * The most used spelling of a name (a city, a company) from its counts; a tie
 * goes to the alphabetically first, so the order the jobs came in does not matter.
 */
export function commonestSpelling(spellings: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [name, count] of spellings) {
    if (count > bestCount || (count === bestCount && name < best)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}
