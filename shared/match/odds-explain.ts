/** Words for the interview odds a person reads on an application's page. */
import { MIN_OUTCOMES, type OddsFactor, type OddsResult } from './odds';
import type { OddsFactorName } from './odds-encode';

const FACTOR_NAMES: Record<OddsFactorName, string> = {
  matchScore: 'Match score',
  site: 'Site',
  source: 'How it was recorded',
  daysToApply: 'Days from posting to applying',
  contact: 'A contact at the company',
};

export const percent = (p: number) => `${Math.round(p * 100)}%`;

export function baseRateLine(result: OddsResult): string {
  const b = result.baseRate;
  if (b.outcomes === 0) return 'No application has an outcome yet (an interview, a rejection, or 30 days without an answer).';
  return `${percent(b.rate)} of your applications reached an interview (${b.interviews} of ${b.outcomes}; 95% interval ${percent(b.low)} to ${percent(b.high)}).`;
}

/** How many more outcomes before a model replaces the base rate (0 when the wait is for both outcomes to appear). */
export function outcomesNeeded(result: OddsResult): number {
  return Math.max(0, MIN_OUTCOMES - result.baseRate.outcomes);
}

export function factorLine(factor: OddsFactor): string {
  const direction = factor.logOdds > 0.05 ? 'raises' : factor.logOdds < -0.05 ? 'lowers' : 'barely changes';
  return `${FACTOR_NAMES[factor.feature]} ${direction} the odds (${factor.logOdds >= 0 ? '+' : ''}${factor.logOdds.toFixed(2)} log-odds)`;
}
