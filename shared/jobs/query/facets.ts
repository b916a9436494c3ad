import type { Job } from '../../schema/job';
import { factsOf } from './job-facts';

/** Every tag in use, once each (first spelling seen), A to Z: the tag filter's choices. */
export function tagsInUse(jobs: readonly Job[]): string[] {
  const byKey = new Map<string, string>();
  for (const job of jobs) {
    if (!job.tags?.length) continue;
    // Lowercased once per job object (factsOf), not on every live update.
    const keys = factsOf(job).tags;
    for (let i = 0; i < keys.length; i += 1) if (!byKey.has(keys[i]!)) byKey.set(keys[i]!, job.tags[i]!);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, tag]) => tag);
}
