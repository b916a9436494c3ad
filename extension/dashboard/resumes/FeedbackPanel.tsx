import { useEffect, useMemo, useState } from 'react';
import type { FeedbackItem, FeedbackJob } from '../../../shared/match/feedback';
import { jobInputsKey } from '../../../shared/match/ml-freshness';
import type { Resume } from '../../../shared/resume/doc';
import { mlWorker } from '../../ml/client';
import { matchResumeOf } from '../../ml/match-resume';

type FeedbackState = { state: 'working' } | { state: 'done'; items: FeedbackItem[] } | { state: 'failed'; message: string };

const points = (gain: number) => `+${gain.toLocaleString(undefined, { maximumFractionDigits: 1 })} ${gain === 1 ? 'point' : 'points'}`;

/**
 * The few changes that would raise this resume's match the most, in order:
 * for the chosen job, or across the jobs the person is applying to. Computed
 * in the ML worker from the resume as saved; nothing leaves the device.
 */
export function FeedbackPanel({ resume, jobs, chosen }: { resume: Resume; jobs: readonly FeedbackJob[]; chosen: FeedbackJob | undefined }) {
  const [feedback, setFeedback] = useState<FeedbackState>({ state: 'working' });
  const targets = useMemo(() => (chosen ? [chosen] : jobs), [chosen, jobs]);
  // What feedback reads of each job (title, description, location): other writes to a job change nothing here.
  const key = useMemo(() => targets.map((t) => `${t.id}:${jobInputsKey(t.job)}`).join('\n'), [targets]);

  useEffect(() => {
    let stopped = false;
    const input = matchResumeOf(resume);
    if (!input) {
      setFeedback({ state: 'failed', message: 'This resume is too long for the matching engine to read.' });
      return;
    }
    if (targets.length === 0) {
      setFeedback({ state: 'done', items: [] });
      return;
    }
    setFeedback({ state: 'working' });
    mlWorker()
      .feedback(input, [...targets])
      .then(
        (items) => !stopped && setFeedback({ state: 'done', items }),
        (error: unknown) => !stopped && setFeedback({ state: 'failed', message: error instanceof Error ? error.message : 'Feedback could not be computed.' }),
      );
    return () => {
      stopped = true;
    };
    // The jobs are keyed by what feedback reads of them; the resume by its saved version.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resume.resume, key]);

  const scope = chosen ? 'for the chosen job' : `across the ${jobs.length === 1 ? 'job' : `${jobs.length} jobs`} you are applying to`;
  return (
    <section className="resume-panel" aria-labelledby="feedback-title">
      <h2 id="feedback-title">Raise your match</h2>
      <p className="muted">The changes that would raise this resume’s match score most, {scope}, biggest first. Make only the ones that are true.</p>
      {feedback.state === 'working' && (
        <p role="status" className="muted">
          Working out what would help most…
        </p>
      )}
      {feedback.state === 'failed' && (
        <p className="error-text" role="alert">
          {feedback.message}
        </p>
      )}
      {feedback.state === 'done' && feedback.items.length === 0 && (
        <p role="status" className="muted">
          {targets.length === 0 ? 'Choose a job, or save jobs you want to apply to, to see what would raise your match.' : 'Nothing to add: no change we can suggest would raise the score.'}
        </p>
      )}
      {feedback.state === 'done' && feedback.items.length > 0 && (
        <ol className="feedback-items" aria-label="Changes that would raise your match">
          {feedback.items.map((item) => (
            <li key={`${item.kind}:${item.skill ?? item.text}`} data-kind={item.kind} data-skill={item.skill}>
              <span className="feedback-gain">{points(item.gain)}</span> {item.text}
              {!chosen && item.jobIds && jobs.length > 1 && (
                <span className="muted">
                  {' '}
                  (helps {item.jobIds.length} of {jobs.length} jobs)
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
