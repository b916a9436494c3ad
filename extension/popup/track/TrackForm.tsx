import { useState, type FormEvent } from 'react';
import { Field } from '../Field';
import { sendTrack } from './send';
import { capturedFromForm, type TrackField, type TrackForm as TrackFormValues } from './track-form';
import { TextAreaField } from './TextAreaField';

export interface TrackedJob {
  jobId: string;
  title: string;
  created: boolean;
  possibleDuplicate: boolean;
}

const INPUTS: { field: Exclude<TrackField, 'description'>; label: string; type?: string }[] = [
  { field: 'title', label: 'Job title' },
  { field: 'company', label: 'Company' },
  { field: 'location', label: 'Location' },
  { field: 'url', label: 'Job address', type: 'url' },
  { field: 'salary', label: 'Salary' },
  { field: 'employmentType', label: 'Employment type' },
];

/** The job as read from the page, for the user to correct before it is saved. */
export function TrackForm({
  initial,
  onSaved,
  onCancel,
}: {
  initial: TrackFormValues;
  onSaved: (job: TrackedJob) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = (field: TrackField, value: string) => setForm((current) => ({ ...current, [field]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    const checked = capturedFromForm(form);
    if (!checked.ok) {
      setErrors(checked.fields);
      return;
    }
    setErrors({});
    setBusy(true);
    const reply = await sendTrack(checked.job);
    setBusy(false);
    if (!reply.ok) {
      setErrors(reply.error.fields ?? {});
      setMessage(reply.error.message);
      return;
    }
    onSaved({ jobId: reply.jobId, title: checked.job.title, created: reply.created, possibleDuplicate: Boolean(reply.possibleDuplicateOf) });
  }

  return (
    <form onSubmit={save} aria-label="Job details" noValidate>
      {INPUTS.map(({ field, label, type }) => (
        <Field
          key={field}
          label={label}
          type={type ?? 'text'}
          value={form[field]}
          error={errors[field]}
          onChange={(event) => set(field, event.target.value)}
        />
      ))}
      <TextAreaField
        label="Description (excerpt)"
        rows={4}
        value={form.description}
        error={errors.description}
        onChange={(event) => set('description', event.target.value)}
      />
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save job'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
