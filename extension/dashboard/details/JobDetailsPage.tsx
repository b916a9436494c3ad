import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job } from '../../../shared/schema';
import { label } from '../../ui/format';
import { deleteJobs, restoreJobs } from '../data/job-writes';
import type { PageProps } from '../page-props';
import { routeHash } from '../route';
import { CompanyResponseTime } from '../community/CompanyResponseTime';
import { ContactsSection } from './ContactsSection';
import './details.css';
import { InterviewsSection } from './InterviewsSection';
import { JobFieldsForm } from './JobFieldsForm';
import { MatchPanel } from './MatchPanel';
import { useActiveResume } from '../../ml/use-active-resume';
import { NewJobForm } from './NewJobForm';
import { NotesSection } from './NotesSection';
import { OddsPanel } from './OddsPanel';
import { StatusTimeline } from './StatusTimeline';
import { TagsSection } from './TagsSection';
import { useJob } from './use-job';
import { useArrivalFocus } from './use-arrival-focus';
import { useJobWrite } from './use-job-write';

/** `#/jobs/<id>`: one application, every field editable; `#/new`: add one by hand. */
export function JobDetailsPage({ jobs, navigate, jobId }: PageProps & { jobId?: string }) {
  if (jobId === undefined) return <NewJobForm navigate={navigate} />;
  // A new page state per job: edits, messages and undo belong to the job they were made on.
  return <JobDetails key={jobId} jobs={jobs} jobId={jobId} />;
}

/** The newer of the live job and what this page last saved: the live list can be a moment behind the save. */
function newest(live: Job, saved: Job | undefined): Job {
  return saved && saved.id === live.id && saved.updatedAt > live.updatedAt ? saved : live;
}

type Deletion = { state: 'deleted'; removed: Job[] } | { state: 'restoring' } | { state: 'failed'; removed: Job[]; message: string };

function JobDetails({ jobs, jobId }: { jobs: readonly Job[]; jobId: string }) {
  const lookup = useJob(jobs, jobId);
  const [saved, setSaved] = useState<Job>();
  const [deletion, setDeletion] = useState<Deletion>();
  const [deleteError, setDeleteError] = useState<string>();
  const { write } = useJobWrite(jobId, setSaved);
  const resumes = useActiveResume();
  const heading = useRef<HTMLHeadingElement>(null);
  useArrivalFocus(heading, lookup.state === 'found' && deletion === undefined);

  // Restored: back to the job once the live list has it again.
  useEffect(() => {
    if (deletion?.state === 'restoring' && lookup.state === 'found') setDeletion(undefined);
  }, [deletion, lookup.state]);

  const remove = useCallback(async () => {
    setDeleteError(undefined);
    try {
      const removed = await deleteJobs([jobId]);
      setDeletion({ state: 'deleted', removed });
    } catch (failure) {
      setDeleteError(`Could not delete: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }, [jobId]);

  const undo = useCallback(async (removed: Job[]) => {
    setDeletion({ state: 'restoring' });
    try {
      await restoreJobs(removed);
    } catch (failure) {
      setDeletion({ state: 'failed', removed, message: failure instanceof Error ? failure.message : String(failure) });
    }
  }, []);

  if (deletion?.state === 'deleted' || deletion?.state === 'failed') {
    return <Deleted removed={deletion.removed} error={deletion.state === 'failed' ? deletion.message : undefined} onUndo={() => void undo(deletion.removed)} />;
  }
  if (deletion?.state === 'restoring' || lookup.state === 'checking') {
    return (
      <p className="empty" role="status">
        Loading the application…
      </p>
    );
  }
  if (lookup.state === 'missing') return <NotFound />;

  const job = newest(lookup.job, saved);
  return (
    <div className="details-page">
      <p className="details-back">
        <a href={routeHash({ page: 'board' })}>← Board</a> · <a href={routeHash({ page: 'table' })}>All applications</a>
      </p>
      <header className="details-header">
        <h2 className="details-title" ref={heading} tabIndex={-1}>
          {job.title}
        </h2>
        <p className="details-subtitle">
          {[job.company, job.location].filter(Boolean).join(' · ')} <span className="status-pill">{label(job.status)}</span>
          {job.source === 'manual' ? <span className="muted"> · added by hand</span> : <span className="muted"> · recorded from {label(job.platform)}</span>}
        </p>
        <a href={job.url} target="_blank" rel="noopener noreferrer" className="details-posting">
          Open the posting<span className="details-sr-only"> (opens in a new tab)</span> ↗
        </a>
      </header>
      <div className="details-layout">
        <div className="details-main">
          <JobFieldsForm job={job} onSaved={setSaved} />
        </div>
        <div className="details-side">
          <MatchPanel job={job} choice={resumes} write={write} />
          <OddsPanel job={job} jobs={jobs} />
          <CompanyResponseTime company={job.company} />
          <StatusTimeline job={job} />
          <TagsSection job={job} write={write} />
          <InterviewsSection job={job} write={write} />
        </div>
        <div className="details-lists">
          <NotesSection job={job} write={write} />
          <ContactsSection job={job} write={write} />
        </div>
      </div>
      <section className="details-section details-danger" aria-labelledby="delete-heading">
        <h3 id="delete-heading">Delete</h3>
        <p className="muted">Removes this application from this device and, once synced, from your other devices. You can undo right after.</p>
        <button type="button" className="danger" onClick={() => void remove()}>
          Delete application
        </button>
        {deleteError && (
          <p className="error-text" role="alert">
            {deleteError}
          </p>
        )}
      </section>
    </div>
  );
}

function Deleted({ removed, error, onUndo }: { removed: Job[]; error: string | undefined; onUndo: () => void }) {
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => undoButton.current?.focus(), []);
  const job = removed[0];
  return (
    <div className="details-page details-gone">
      <h2 className="details-title">Application deleted</h2>
      <p role="status">{job ? `“${job.title}”${job.company ? ` at ${job.company}` : ''} was deleted.` : 'The application was already gone.'}</p>
      {error && (
        <p className="error-text" role="alert">
          Could not undo: {error}
        </p>
      )}
      <div className="details-actions">
        {removed.length > 0 && (
          <button type="button" className="primary" ref={undoButton} onClick={onUndo}>
            Undo
          </button>
        )}
        <a href={routeHash({ page: 'board' })}>Back to the board</a>
        <a href={routeHash({ page: 'table' })}>All applications</a>
      </div>
    </div>
  );
}

function NotFound() {
  return (
    <div className="details-page details-gone">
      <h2 className="details-title">Application not found</h2>
      <p>This application is not on this device. It may have been deleted, here or on another device.</p>
      <div className="details-actions">
        <a href={routeHash({ page: 'board' })}>Back to the board</a>
        <a href={routeHash({ page: 'table' })}>All applications</a>
        <a href={routeHash({ page: 'new' })}>Add a job</a>
      </div>
    </div>
  );
}
