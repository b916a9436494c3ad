import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { describeSaveError, type FieldErrors } from '../../../shared/jobs/field-errors';
import {
  applyDraft,
  conflictingFields,
  draftFromJob,
  draftWithEdits,
  editField,
  FORM_FIELDS,
  pendingFields,
  validateJob,
  withoutEdits,
  type DraftEdits,
  type FormField,
} from '../../../shared/jobs/job-form';
import { JOB_FIELD_LABELS } from '../../../shared/jobs/field-errors';
import { JOB_STATUSES, PLATFORMS, type Job } from '../../../shared/schema';
import { label } from '../../ui/format';
import { nowIso, updateJob } from '../data/job-writes';
import { cacheEdits, cachedEdits } from './draft-cache';
import { Field, focusFirstInvalid } from './Field';

const FIELD_LABELS: Record<FormField, string> = JOB_FIELD_LABELS;

const EMPLOYMENT_TYPES = ['Full-time', 'Part-time', 'Internship', 'Contract', 'Temporary', 'Freelance'];

interface JobFieldsFormProps {
  job: Job;
  onSaved: (job: Job) => void;
}

/**
 * Every field of the job, editable. Edits sit on top of the live job until
 * saved: fields the user has not touched follow changes synced from other
 * devices, and a field changed elsewhere while being edited is pointed out
 * rather than overwritten either way. Saving writes only the edited fields.
 */
export function JobFieldsForm({ job, onSaved }: JobFieldsFormProps) {
  const prefix = useId();
  const form = useRef<HTMLFormElement>(null);
  const live = useMemo(() => draftFromJob(job), [job]);
  const [edits, setEdits] = useState<DraftEdits>(() => cachedEdits(job.id));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [errorsShown, setErrorsShown] = useState(0);

  const draft = draftWithEdits(live, edits);
  const pending = pendingFields(live, edits);
  const conflicts = conflictingFields(live, edits);
  const dirty = pending.length > 0;

  useEffect(() => cacheEdits(job.id, edits), [job.id, edits]);
  useEffect(() => {
    if (errorsShown > 0) focusFirstInvalid(form.current);
  }, [errorsShown]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);

  const id = (field: FormField) => `${prefix}-${field}`;
  const change = (field: FormField) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const { value } = event.target;
    setEdits((previous) => editField(previous, live, field, value));
    setStatus('');
    if (errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  const showErrors = (next: FieldErrors) => {
    setErrors(next);
    const unplaced = Object.entries(next).filter(([key]) => !(FORM_FIELDS as readonly string[]).includes(key));
    setFormError(unplaced.length > 0 ? unplaced.map(([, message]) => message).join(' ') : undefined);
    setErrorsShown((count) => count + 1);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!dirty) {
      setStatus('No changes to save.');
      return;
    }
    const fields = pending;
    const values = draft;
    const candidate = applyDraft(job, values, fields, nowIso());
    const checked = validateJob(candidate);
    if (!checked.ok) {
      showErrors(checked.errors);
      setStatus('');
      return;
    }
    setSaving(true);
    setFormError(undefined);
    try {
      // Applied to the job as stored now, which may hold a change synced since this page last rendered.
      const saved = await updateJob(job.id, (current, at) => applyDraft(current, values, fields, at));
      // Keep anything typed while the save was in flight.
      setEdits((previous) => withoutEdits(previous, fields.filter((field) => previous[field]?.value === values[field])));
      setErrors({});
      setStatus('Saved.');
      onSaved(saved);
    } catch (failure) {
      const described = describeSaveError(failure, candidate);
      if ('fields' in described) showErrors(described.fields);
      else setFormError(described.message);
      setStatus('');
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    setEdits({});
    setErrors({});
    setFormError(undefined);
    setStatus('Changes discarded.');
  };

  const text = (field: FormField, extra: { type?: string; required?: boolean; list?: string; autoComplete?: string } = {}) => (
    <Field id={id(field)} label={FIELD_LABELS[field]} error={errors[field]} required={extra.required}>
      <input type={extra.type ?? 'text'} value={draft[field]} onChange={change(field)} required={extra.required} list={extra.list} autoComplete={extra.autoComplete ?? 'off'} />
    </Field>
  );

  return (
    <form ref={form} className="details-form" onSubmit={save} noValidate aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`}>Details</h3>
      {conflicts.length > 0 && (
        <div className="details-notice" role="status">
          <p>
            Changed on another device while you were editing:{' '}
            {conflicts.map((field, index) => (
              <span key={field}>
                {index > 0 && ', '}
                <strong>{FIELD_LABELS[field]}</strong> (now “{live[field] || 'empty'}”)
              </span>
            ))}
            . Saving keeps your version.
          </p>
          <button type="button" onClick={() => setEdits((previous) => withoutEdits(previous, conflicts))}>
            Use their version
          </button>
        </div>
      )}
      <div className="details-grid">
        {text('title', { required: true })}
        {text('company', { autoComplete: 'organization' })}
        {text('location')}
        <Field
          id={id('url')}
          label={FIELD_LABELS.url}
          required
          error={errors.url}
          hint={
            job.url ? (
              <a href={job.url} target="_blank" rel="noopener noreferrer">
                Open the posting<span className="details-sr-only"> (opens in a new tab)</span>
              </a>
            ) : undefined
          }
        >
          <input type="url" value={draft.url} onChange={change('url')} required inputMode="url" autoComplete="url" />
        </Field>
        <Field id={id('status')} label={FIELD_LABELS.status} error={errors.status}>
          <select value={draft.status} onChange={change('status')}>
            {JOB_STATUSES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('platform')} label={FIELD_LABELS.platform} error={errors.platform}>
          <select value={draft.platform} onChange={change('platform')}>
            {PLATFORMS.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
        </Field>
        {text('salary')}
        {text('employmentType', { list: `${prefix}-employment-types` })}
        <datalist id={`${prefix}-employment-types`}>
          {EMPLOYMENT_TYPES.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        {text('duration')}
        {text('startDate')}
        {text('appliedAt', { type: 'date' })}
        {text('followUpAt', { type: 'datetime-local' })}
        <Field id={id('description')} label={FIELD_LABELS.description} error={errors.description} className="details-wide">
          <textarea rows={8} value={draft.description} onChange={change('description')} />
        </Field>
      </div>
      {formError && (
        <p className="error-text" role="alert">
          {formError}
        </p>
      )}
      {Object.keys(errors).length > 0 && !formError && (
        <p className="error-text" role="alert">
          {Object.keys(errors).length === 1 ? 'One field needs attention.' : `${Object.keys(errors).length} fields need attention.`} Nothing was saved; your edits are kept.
        </p>
      )}
      <div className="details-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" onClick={discard} disabled={!dirty || saving}>
          Discard changes
        </button>
        <span className="muted" role="status">
          {status || (dirty ? `Unsaved changes: ${pending.map((field) => FIELD_LABELS[field]).join(', ')}.` : '')}
        </span>
      </div>
    </form>
  );
}
