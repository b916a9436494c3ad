import type { Job } from '../schema/job';
import { applicationsPerWeekOfFacts, type ApplicationsPerWeek } from './applications-per-week';
import { byLocationOfFacts, type LocationCount } from './by-location';
import { bySiteOfFacts, type SiteCount } from './by-site';
import { funnelOfFacts, type FunnelStep } from './funnel';
import { factsOf } from './job-facts';
import type { InsightOptions } from './options';
import { responseRateOfFacts, type ResponseRate } from './response-rate';
import { responseTimeOfFacts, type ResponseTime } from './response-time';
import { statusBreakdownOfFacts, type StatusBreakdown } from './status-breakdown';

export interface Insights {
  statusBreakdown: StatusBreakdown;
  funnel: FunnelStep[];
  responseRate: ResponseRate;
  responseTime: ResponseTime;
  applicationsPerWeek: ApplicationsPerWeek;
  bySite: SiteCount[];
  byLocation: LocationCount[];
}

/**
 * Every insight of a user's jobs at once. Each job's dates and history are read a single time
 * (factsOf); the insights then walk that array, which costs little next to parsing.
 */
export function computeInsights(jobs: readonly Job[], options: InsightOptions = {}): Insights {
  const facts = factsOf(jobs);
  return {
    statusBreakdown: statusBreakdownOfFacts(facts),
    funnel: funnelOfFacts(facts),
    responseRate: responseRateOfFacts(facts),
    responseTime: responseTimeOfFacts(facts),
    applicationsPerWeek: applicationsPerWeekOfFacts(facts, options),
    bySite: bySiteOfFacts(facts),
    byLocation: byLocationOfFacts(facts, options),
  };
}

export * from './applications-per-week';
export * from './by-location';
export * from './by-site';
export * from './funnel';
export * from './iso-week';
export * from './job-facts';
export * from './location';
export * from './options';
export * from './ratio';
export * from './response-rate';
export * from './response-time';
export * from './status-breakdown';
export * from './skill-gaps';
