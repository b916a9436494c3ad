import type { ReactNode } from 'react';
import { Field } from '../details/Field';

/** One text input or textarea of the resume form, labelled, with its error. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  multiline,
  rows,
  className,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  multiline?: boolean;
  rows?: number;
  className?: string;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint} {...(className ? { className } : {})}>
      {multiline ? (
        <textarea value={value} rows={rows ?? 3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

/** A section of the form with its heading, a reset to what was parsed, and its fields. */
export function FormSection({
  id,
  title,
  onReset,
  children,
}: {
  id: string;
  title: string;
  /** Present when the section differs from what was parsed. */
  onReset?: (() => void) | undefined;
  children: ReactNode;
}) {
  return (
    <fieldset className="resume-section" aria-labelledby={`${id}-title`}>
      <div className="resume-section-head">
        <h3 id={`${id}-title`}>{title}</h3>
        {onReset && (
          <button type="button" className="link" onClick={onReset} aria-label={`Reset ${title} to what was parsed`}>
            Reset to parsed
          </button>
        )}
      </div>
      {children}
    </fieldset>
  );
}
