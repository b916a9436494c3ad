import { useMemo, useState } from 'react';
import { matchJobOf } from '../../../shared/match/job-input';
import { applyingJobs, jobChoices } from '../../../shared/match/resume-jobs';
import type { Resume } from '../../../shared/resume/doc';
import type { Job } from '../../../shared/schema';
import { AtsPanel } from './AtsPanel';
import { FeedbackPanel } from './FeedbackPanel';

/**
 * The ATS check and the feedback for one resume, against one chosen job or
 * (no job chosen) the resume alone and the jobs the person is applying to.
 */
export function ResumeChecks({ resume, jobs }: { resume: Resume; jobs: readonly Job[] }) {
  const [jobId, setJobId] = useState('');
  const choices = useMemo(() => jobChoices(jobs), [jobs]);
  const applying = useMemo(() => applyingJobs(jobs), [jobs]);
  const job = jobId ? jobs.find((j) => j.id === jobId) : undefined;
  const chosen = useMemo(() => (job ? { id: job.id, job: matchJobOf(job) } : undefined), [job]);

  return (
    <div className="resume-checks">
      <div className="row resume-job-choice">
        <label htmlFor="resume-check-job">Check against</label>
        <select id="resume-check-job" value={job ? jobId : ''} onChange={(event) => setJobId(event.target.value)}>
          <option value="">No one job: the jobs you are applying to</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <AtsPanel resume={resume} job={job ? { id: job.id, title: job.title, text: job.description?.trim() || job.title } : undefined} />
      <FeedbackPanel resume={resume} jobs={applying} chosen={chosen} />
    </div>
  );
}
