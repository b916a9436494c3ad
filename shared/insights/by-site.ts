import type { Job, Platform } from '../schema/job';
import { factsOf, type JobFacts } from './job-facts';
import { ratio } from './ratio';

export interface SiteCount {
  platform: Platform;
  applications: number;
  responded: number;
  /** responded / applications. */
  responseRate: number | null;
}

/**
 * Applications per site (the job's `platform`), with how many got an answer, so a user can see
 * where applying pays off. Sites with no application are left out; most applications first.
 */
export function bySiteOfFacts(facts: readonly JobFacts[]): SiteCount[] {
  const sites = new Map<Platform, { applications: number; responded: number }>();
  for (const fact of facts) {
    if (!fact.applied) continue;
    const site = sites.get(fact.job.platform) ?? { applications: 0, responded: 0 };
    site.applications += 1;
    if (fact.responded) site.responded += 1;
    sites.set(fact.job.platform, site);
  }
  return [...sites]
    .map(([platform, { applications, responded }]) => ({
      platform,
      applications,
      responded,
      responseRate: ratio(responded, applications),
    }))
    .sort((a, b) => b.applications - a.applications || a.platform.localeCompare(b.platform));
}

export function bySite(jobs: readonly Job[]): SiteCount[] {
  return bySiteOfFacts(factsOf(jobs));
}
