import type { Job } from '../../schema/job';

/** Every tag in use, once each (first spelling seen), A to Z: the tag filter's choices. */
export function tagsInUse(jobs: readonly Job[]): string[] {
  const byKey = new Map<string, string>();
  for (const job of jobs) {
    if (!job.tags) continue;
    for (const tag of job.tags) {
      const key = tag.toLowerCase();
      if (!byKey.has(key)) byKey.set(key, tag);
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, tag]) => tag);
}
