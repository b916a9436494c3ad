import { draftFromInterview, EMPTY_INTERVIEW, interviewFromDraft, interviewsByDate, type InterviewDraft } from '../../../shared/jobs/job-entries';
import type { Interview, Job } from '../../../shared/schema';
import { formatDateTime } from '../../ui/format';
import { EntryList, type EntryFormProps } from './EntryList';
import { Field } from './Field';
import type { JobWrite } from './use-job-write';

function InterviewForm({ idPrefix, draft, onChange, errors }: EntryFormProps<InterviewDraft>) {
  return (
    <div className="entry-grid">
      <Field id={`${idPrefix}-at`} label="Date and time" error={errors.at}>
        <input type="datetime-local" value={draft.at} onChange={(event) => onChange({ ...draft, at: event.target.value })} />
      </Field>
      <Field id={`${idPrefix}-label`} label="What" error={errors.label}>
        <input value={draft.label} onChange={(event) => onChange({ ...draft, label: event.target.value })} autoComplete="off" placeholder="Phone screen, onsite…" />
      </Field>
    </div>
  );
}

function InterviewView({ entry }: { entry: Interview }) {
  return (
    <div className="entry-view">
      <p>
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        {entry.label && <span> · {entry.label}</span>}
      </p>
    </div>
  );
}

export function InterviewsSection({ job, write }: { job: Job; write: JobWrite }) {
  return (
    <EntryList<'interviews', InterviewDraft>
      field="interviews"
      entries={interviewsByDate(job)}
      title="Interviews"
      noun="interview"
      emptyText="No interviews scheduled."
      emptyDraft={EMPTY_INTERVIEW}
      toDraft={draftFromInterview}
      fromDraft={(draft, id) => interviewFromDraft(draft, id)}
      describe={(interview) => [formatDateTime(interview.at), interview.label].filter(Boolean).join(', ')}
      View={InterviewView}
      Form={InterviewForm}
      write={write}
    />
  );
}
