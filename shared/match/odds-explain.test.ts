import { describe, expect, it } from 'vitest';
import { interviewOdds, type OddsOutcome } from './odds';
import { baseRateLine, factorLine, outcomesNeeded } from './odds-explain';

describe('odds explanations', () => {
  it('gives the base rate with its interval while outcomes are few', () => {
    const history: OddsOutcome[] = [{ interviewed: true }, { interviewed: false }, { interviewed: false }, { interviewed: false }];
    const result = interviewOdds(history, {});
    expect(result.kind).toBe('base-rate');
    expect(baseRateLine(result)).toMatch(/^25% of your applications reached an interview \(1 of 4; 95% interval \d+% to \d+%\)\.$/);
    expect(outcomesNeeded(result)).toBe(16);
    expect(baseRateLine(interviewOdds([], {}))).toMatch(/^No application has an outcome yet/);
  });

  it('says which way a factor pushes', () => {
    expect(factorLine({ feature: 'matchScore', logOdds: 0.8 })).toBe('Match score raises the odds (+0.80 log-odds)');
    expect(factorLine({ feature: 'contact', logOdds: -0.3 })).toBe('A contact at the company lowers the odds (-0.30 log-odds)');
  });
});
