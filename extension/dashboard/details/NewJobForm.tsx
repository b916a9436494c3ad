import { useEffect, useRef, useState, type FormEvent } from 'react';
import { EMPTY_NEW_JOB, newJobFromDraft, type NewJobDraft } from '../../../shared/jobs/job-form';
import { describeSaveError, type FieldErrors } from '../../../shared/jobs/field-errors';
import { JOB_STATUSES } from '../../../shared/schema';
import { label } from '../../ui/format';
import { createJob, nowIso } from '../data/job-writes';
import type { PageProps } from '../page-props';
import { routeHash } from '../route';
import { Field, focusFirstInvalid } from './Field';
import { useArrivalFocus } from './use-arrival-focus';

/** Add a job by hand: the few fields a job needs; the rest are edited on its page, where this leads. */
export function NewJobForm({ navigate }: Pick<PageProps, 'navigate'>) {
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useArrivalFocus(heading);
  const [draft, setDraft] = useState<NewJobDraft>(EMPTY_NEW_JOB);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [errorsShown, setErrorsShown] = useState(0);

  useEffect(() => {
    if (errorsShown > 0) focusFirstInvalid(form.current);
  }, [errorsShown]);

  const set = (field: keyof NewJobDraft) => (event: { target: { value: string } }) => {
    setDraft({ ...draft, [field]: event.target.value });
    if (errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const result = newJobFromDraft(draft, nowIso());
    if (!result.ok) {
      setErrors(result.errors);
      setErrorsShown((count) => count + 1);
      return;
    }
    setSaving(true);
    setFormError(undefined);
    try {
      const job = await createJob(result.job);
      navigate({ page: 'job', id: job.id });
    } catch (failure) {
      const described = describeSaveError(failure, result.job);
      if ('fields' in described) {
        setErrors(described.fields);
        setErrorsShown((count) => count + 1);
      } else setFormError(described.message);
      setSaving(false);
    }
  };

  return (
    <div className="details-page">
      <p className="details-back">
        <a href={routeHash({ page: 'board' })}>← Board</a>
      </p>
      <h2 className="details-title" ref={heading} tabIndex={-1}>
        Add a job
      </h2>
      <p className="muted">For an application TrackRuit did not record by itself. You can add notes, contacts and more on the next page.</p>
      <form ref={form} className="details-form new-job-form" noValidate onSubmit={(event) => void submit(event)} aria-label="Add a job">
        <Field id="new-title" label="Title" error={errors.title} required>
          <input value={draft.title} onChange={set('title')} required autoComplete="off" />
        </Field>
        <Field id="new-company" label="Company" error={errors.company}>
          <input value={draft.company} onChange={set('company')} autoComplete="organization" />
        </Field>
        <Field id="new-url" label="Posting link" error={errors.url} hint="The job ad's web address, e.g. https://careers.example.com/jobs/123." required>
          <input type="url" inputMode="url" value={draft.url} onChange={set('url')} required autoComplete="url" />
        </Field>
        <Field id="new-status" label="Status" error={errors.status}>
          <select value={draft.status} onChange={set('status')}>
            {JOB_STATUSES.map((status) => (
              <option key={status} value={status}>
                {label(status)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-location" label="Location" error={errors.location}>
          <input value={draft.location} onChange={set('location')} autoComplete="off" />
        </Field>
        {formError && (
          <p className="error-text" role="alert">
            {formError}
          </p>
        )}
        {Object.keys(errors).length > 0 && (
          <p className="error-text" role="alert">
            Check the {Object.keys(errors).length === 1 ? 'field' : 'fields'} marked above; nothing was added yet.
          </p>
        )}
        <div className="details-actions">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Adding…' : 'Add job'}
          </button>
          <a href={routeHash({ page: 'board' })}>Cancel</a>
        </div>
      </form>
    </div>
  );
}
