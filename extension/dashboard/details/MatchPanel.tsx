import { useEffect, useMemo, useState } from 'react';
import { educationLine, engineLine, experienceLine, locationLine, skillCounts, titleLine } from '../../../shared/match/explain';
import { matchJobOf } from '../../../shared/match/job-input';
import type { MatchResult, SkillResult } from '../../../shared/match/match';
import { toMlAnalysis } from '../../../shared/match/ml-analysis';
import { isAnalysisFresh, withInputsKey, withStoredAnalysis } from '../../../shared/match/ml-freshness';
import type { RankedJob } from '../../../shared/match/rank-jobs';
import type { Job } from '../../../shared/schema';
import { mlWorker } from '../../ml/client';
import { matchResumeOf } from '../../ml/match-resume';
import type { ResumeChoice } from '../../ml/use-active-resume';
import { routeHash } from '../route';
import { useMatch } from './use-match';
import type { JobWrite } from './use-job-write';
import { useServerMatch } from './use-server-match';

const STATUS_TEXT: Record<SkillResult['status'], string> = { met: 'met', partly: 'partly met', missing: 'missing' };

/**
 * How the person's resume fits this job: the score, its band and why. The
 * active resume's match is stored on the job (mlAnalysis) whenever the one
 * stored was computed from other inputs; another resume can be picked to see
 * its match without storing it.
 */
export function MatchPanel({ job, choice, write }: { job: Job; choice: ResumeChoice; write: JobWrite }) {
  const [pickedId, setPickedId] = useState<string>();
  const picked = choice.resumes.find((r) => r.id === pickedId) ?? choice.active;
  const resume = useMemo(() => (picked ? matchResumeOf(picked) : undefined), [picked]);
  const matchJob = useMemo(() => matchJobOf(job), [job]);
  const local = useMatch(resume, matchJob);
  const server = useServerMatch(picked, matchJob);
  const isActive = picked !== undefined && picked.id === choice.active?.id;

  // The active resume's match is stored on the job, so the table and the odds read it.
  const stale = local.state === 'done' && isActive && !isAnalysisFresh(job.mlAnalysis, local.key);
  useEffect(() => {
    if (!stale || local.state !== 'done') return;
    const analysis = withInputsKey(toMlAnalysis(local.result, new Date().toISOString()), local.key);
    void write((current) => withStoredAnalysis(current, local.jobKey, analysis));
  }, [stale, local, write]);

  if (choice.live.state === 'loading') return <Section>Loading your resumes…</Section>;
  if (choice.live.state === 'error') return <Section>Could not read your resumes: {choice.live.message}</Section>;
  if (!picked) {
    return (
      <Section>
        <p className="muted">
          Add a resume on the <a href={routeHash({ page: 'resumes' })}>Resumes page</a> to see how you match this job.
        </p>
      </Section>
    );
  }

  const shown = server.state === 'done' ? { result: server.result, engine: engineLine(server.engine) } : local.state === 'done' ? { result: local.result, engine: engineLine('device') } : undefined;
  return (
    <Section>
      <div className="match-picker">
        <label htmlFor="match-resume">Resume</label>
        <select id="match-resume" value={picked.id} onChange={(event) => setPickedId(event.target.value)}>
          {choice.resumes.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
              {r.id === choice.active?.id ? ' (active)' : ''}
            </option>
          ))}
        </select>
      </div>
      {!resume && <p className="error-text">This resume is too large to match.</p>}
      {local.state === 'working' && !shown && <p role="status">Matching…</p>}
      {local.state === 'error' && !shown && (
        <p className="error-text" role="alert">
          Could not match: {local.message}
        </p>
      )}
      {shown && <MatchResultView result={shown.result} engine={shown.engine} />}
      <BestResume job={job} choice={choice} onPick={setPickedId} />
    </Section>
  );
}

function Section({ children }: { children: React.ReactNode }) {
  return (
    <section className="details-section match-panel" aria-labelledby="match-heading">
      <h3 id="match-heading">Match</h3>
      {children}
    </section>
  );
}

/** `engine` says where it was computed (engineLine). */
function MatchResultView({ result, engine }: { result: MatchResult; engine: string }) {
  return (
    <div className="match-result">
      <p className={`match-score match-${result.band}`} aria-label={`Match score ${result.score} of 100, ${result.band}`} data-score={result.score}>
        <strong>{result.score}</strong>/100 <span className="match-band">{result.band}</span>
      </p>
      {result.basis === 'title-only' && <p className="details-notice">Based on the title only: this job has no description.</p>}
      <SkillList title="Required skills" skills={result.skills.required} />
      <SkillList title="Nice-to-have skills" skills={result.skills.niceToHave} />
      <dl className="match-facts">
        <dt>Title and seniority</dt>
        <dd>{titleLine(result)}</dd>
        <dt>Experience</dt>
        <dd>{experienceLine(result)}</dd>
        <dt>Education</dt>
        <dd>{educationLine(result)}</dd>
        <dt>Location</dt>
        <dd>{locationLine(result)}</dd>
      </dl>
      <p className="muted match-engine">
        Computed {engine} · {result.algorithmVersion}, taxonomy {result.taxonomyVersion}
      </p>
    </div>
  );
}

function SkillList({ title, skills }: { title: string; skills: readonly SkillResult[] }) {
  if (skills.length === 0) return null;
  const counts = skillCounts(skills);
  return (
    <div className="match-skills">
      <h4>
        {title} <span className="details-count">({counts.met} met, {counts.partly} partly, {counts.missing} missing)</span>
      </h4>
      <ul aria-label={title}>
        {skills.map((s) => (
          <li key={s.name} className={`skill-${s.status}`}>
            <span className="skill-name">{s.name}</span>: {STATUS_TEXT[s.status]}
            {s.via && s.via !== s.name ? <span className="muted"> (via {s.via})</span> : null}
            {s.evidence && <q className="skill-evidence">{s.evidence}</q>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Which of my resumes fits this job best": every resume ranked for this job, on request. */
function BestResume({ job, choice, onPick }: { job: Job; choice: ResumeChoice; onPick: (id: string) => void }) {
  const [ranked, setRanked] = useState<RankedJob[] | { error: string }>();
  if (choice.resumes.length < 2) return null;
  const rank = async () => {
    const inputs = choice.resumes.flatMap((r) => {
      const resume = matchResumeOf(r);
      return resume ? [{ id: r.id, resume }] : [];
    });
    try {
      setRanked(await mlWorker().rankResumes(inputs, job.id, matchJobOf(job)));
    } catch (error) {
      setRanked({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  const name = (id: string) => choice.resumes.find((r) => r.id === id)?.name ?? id;
  return (
    <div className="match-best">
      <button type="button" onClick={() => void rank()}>
        Which of my resumes fits best?
      </button>
      {ranked && 'error' in ranked && <p className="error-text">{ranked.error}</p>}
      {Array.isArray(ranked) && (
        <ol aria-label="Your resumes for this job, best first">
          {ranked.map((r) => (
            <li key={r.id}>
              <button type="button" className="link-button" onClick={() => onPick(r.id)}>
                {name(r.id)}
              </button>{' '}
              {r.score}/100 ({r.band})
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
