import { useEffect, useMemo, useState } from 'react';
import type { RecommendCandidate, Recommendation } from '../../../shared/match/recommend';
import { recommendCandidates, sameCandidates } from '../../../shared/match/resume-jobs';
import type { Job } from '../../../shared/schema';
import { mlWorker } from '../../ml/client';
import { matchResumeOf } from '../../ml/match-resume';
import { useActiveResume } from '../../ml/use-active-resume';
import { routeHash } from '../route';
import './apply-next.css';

const PAGE = 25;

type Ranking = { state: 'working'; previous?: Recommendation[] } | { state: 'done'; list: Recommendation[] } | { state: 'failed'; message: string };

/** The saved jobs to rank, as the same array while no write changed what ranking reads. */
function useStableCandidates(jobs: readonly Job[]): RecommendCandidate[] {
  const [kept, setKept] = useState(() => recommendCandidates(jobs));
  const fresh = useMemo(() => recommendCandidates(jobs), [jobs]);
  const current = sameCandidates(kept, fresh) ? kept : fresh;
  useEffect(() => setKept(current), [current]);
  return current;
}

/**
 * "Apply next": the saved jobs not yet applied to, ranked by how well the
 * active resume fits them, each with why and a link to its details. Ranked in
 * the ML worker (which keeps each job's analysis), so thousands of jobs never
 * stall the page; the list follows new captures and a new active resume.
 */
export function ApplyNextPage({ jobs }: { jobs: readonly Job[] }) {
  const { live, active } = useActiveResume();
  const candidates = useStableCandidates(jobs);
  const byId = useMemo(() => new Map(jobs.map((job) => [job.id, job])), [jobs]);
  const [limit, setLimit] = useState(PAGE);
  const [ranking, setRanking] = useState<Ranking>({ state: 'working' });

  useEffect(() => {
    if (!active) return;
    const resume = matchResumeOf(active);
    if (!resume) {
      setRanking({ state: 'failed', message: 'The active resume is too long for the matching engine to read.' });
      return;
    }
    let stopped = false;
    setRanking((current) => ({ state: 'working', ...(current.state === 'done' ? { previous: current.list } : {}) }));
    mlWorker()
      .recommend(resume, candidates, limit)
      .then(
        (list) => !stopped && setRanking({ state: 'done', list }),
        (error: unknown) => !stopped && setRanking({ state: 'failed', message: error instanceof Error ? error.message : 'The jobs could not be ranked.' }),
      );
    return () => {
      stopped = true;
    };
  }, [active, candidates, limit]);

  const intro = <h1>Apply next</h1>;
  if (live.state === 'loading') {
    return (
      <section className="apply-next">
        {intro}
        <p role="status" className="empty">
          Loading your resumes…
        </p>
      </section>
    );
  }
  if (!active) {
    return (
      <section className="apply-next">
        {intro}
        <p className="empty-state">
          Add a resume on the <a href={routeHash({ page: 'resumes' })}>Resumes page</a> to see which saved jobs fit you best.
        </p>
      </section>
    );
  }
  const list = ranking.state === 'done' ? ranking.list : ranking.state === 'working' ? ranking.previous : undefined;
  return (
    <section className="apply-next" aria-labelledby="apply-next-title">
      <h1 id="apply-next-title">Apply next</h1>
      <p className="muted">
        Your {candidates.length.toLocaleString()} saved {candidates.length === 1 ? 'job' : 'jobs'} not yet applied to, best fit for “{active.name}” first. The fit is worked out on this device.
      </p>
      {ranking.state === 'working' && (
        <p role="status" className="muted">
          Ranking your saved jobs…
        </p>
      )}
      {ranking.state === 'failed' && (
        <p className="error-text" role="alert">
          {ranking.message}
        </p>
      )}
      {list && list.length === 0 && <p className="empty-state">No saved jobs waiting: save jobs you want to apply to and they are ranked here.</p>}
      {list && list.length > 0 && (
        <ol className="apply-next-list" aria-label="Saved jobs, best fit first">
          {list.map((item) => {
            const job = byId.get(item.id);
            return (
              <li key={item.id} className="apply-next-item" data-job-id={item.id}>
                <div className="apply-next-head">
                  <a href={routeHash({ page: 'job', id: item.id })}>{job?.title ?? 'Job'}</a>
                  {job?.company && <span className="muted"> at {job.company}</span>}
                  <span className={`apply-next-score band-${item.band}`} aria-label={`Match ${item.score} of 100, ${item.band}`}>
                    {item.score} · {item.band}
                  </span>
                </div>
                {item.reasons.length > 0 && <p className="apply-next-reasons">{item.reasons.join(' · ')}</p>}
                {item.missing.length > 0 && <p className="muted">Not shown in your resume: {item.missing.join(', ')}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {list && list.length >= limit && candidates.length > limit && (
        <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
          Show more
        </button>
      )}
    </section>
  );
}
