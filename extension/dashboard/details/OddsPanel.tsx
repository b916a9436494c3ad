import { useEffect, useMemo, useState } from 'react';
import type { OddsResult } from '../../../shared/match/odds';
import { baseRateLine, factorLine, outcomesNeeded, percent } from '../../../shared/match/odds-explain';
import { oddsFeaturesIfAppliedAt, oddsOutcomesOf } from '../../../shared/match/odds-features';
import type { Job } from '../../../shared/schema';
import { mlWorker } from '../../ml/client';

/**
 * Interview odds for this application, from the person's own outcomes (every
 * other job's), fitted in the ML worker: the base rate with its uncertainty
 * until there are enough outcomes, then the model's estimate and its factors.
 */
export function OddsPanel({ job, jobs }: { job: Job; jobs: readonly Job[] }) {
  const history = useMemo(
    () =>
      oddsOutcomesOf(
        jobs.filter((j) => j.id !== job.id),
        Date.now(),
      ),
    [jobs, job.id],
  );
  const candidate = useMemo(() => oddsFeaturesIfAppliedAt(job, Date.now()), [job]);
  const [odds, setOdds] = useState<OddsResult | { error: string }>();
  useEffect(() => {
    let cancelled = false;
    mlWorker()
      .odds(history, candidate)
      .then(
        (result) => !cancelled && setOdds(result),
        (error: unknown) => !cancelled && setOdds({ error: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, [history, candidate]);

  return (
    <section className="details-section odds-panel" aria-labelledby="odds-heading">
      <h3 id="odds-heading">Interview odds</h3>
      {!odds && <p role="status">Working out the odds…</p>}
      {odds && 'error' in odds && <p className="error-text">Could not work out the odds: {odds.error}</p>}
      {odds && 'kind' in odds && odds.kind === 'base-rate' && (
        <>
          <p className="odds-base-rate">{baseRateLine(odds)}</p>
          <p className="muted">
            {outcomesNeeded(odds) > 0
              ? `An estimate for this application comes after ${outcomesNeeded(odds)} more ${outcomesNeeded(odds) === 1 ? 'outcome' : 'outcomes'}; until then this is your base rate.`
              : `Until then this is your base rate: ${odds.message}.`}
          </p>
        </>
      )}
      {odds && 'kind' in odds && odds.kind === 'model' && (
        <>
          <p className="odds-estimate">
            <strong>{percent(odds.probability)}</strong> estimated chance of an interview
          </p>
          <p className="muted">{baseRateLine(odds)}</p>
          <ul aria-label="What moves the estimate">
            {odds.factors.map((f) => (
              <li key={f.feature}>{factorLine(f)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
