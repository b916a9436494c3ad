import type { Job } from '../schema/job';
import type { MatchJob } from './match';

/** What matching reads from a stored job: its title, description and location, nothing else. */
export function matchJobOf(job: Pick<Job, 'title' | 'description' | 'location'>): MatchJob {
  return {
    title: job.title,
    ...(job.description?.trim() ? { description: job.description } : {}),
    ...(job.location?.trim() ? { location: job.location } : {}),
  };
}
