import type { Job } from '../../schema/job';

/**
 * Full-text search over a job's title, company, location, tags, notes and
 * description. Each job's text is lowercased once and kept for as long as
 * the job object lives: jobs are immutable snapshots (a change is a new
 * object), so a cached text is never stale, and typing only runs
 * `includes` over strings already built.
 */

const texts = new WeakMap<Job, string>();

/**
 * Fields are joined with a newline, which no search term contains (terms are
 * split on whitespace), so a term never matches across two fields.
 */
function buildSearchText(job: Job): string {
  const parts: string[] = [job.title, job.company];
  if (job.location) parts.push(job.location);
  if (job.tags) parts.push(...job.tags);
  if (job.notes) for (const note of job.notes) parts.push(note.text);
  if (job.description) parts.push(job.description);
  return parts.join('\n').toLowerCase();
}

export function searchTextOf(job: Job): string {
  let text = texts.get(job);
  if (text === undefined) {
    text = buildSearchText(job);
    texts.set(job, text);
  }
  return text;
}

/**
 * The words of a search box, lowercased and without repeats. A word that
 * another word contains is dropped: "eng engineer" needs only "engineer".
 */
export function searchTerms(input: string): string[] {
  const words = [...new Set(input.toLowerCase().split(/\s+/).filter(Boolean))];
  return words.filter((word, index) => !words.some((other, otherIndex) => otherIndex !== index && other.length > word.length && other.includes(word)));
}

/** Every term appears somewhere in the text (AND of the words). */
export function matchesTerms(text: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!text.includes(term)) return false;
  return true;
}
