import { useId, useRef, useState, type FormEvent } from 'react';
import { normaliseTags, withTags } from '../../../shared/jobs/edit';
import { validateJob } from '../../../shared/jobs/job-form';
import type { Job } from '../../../shared/schema';
import { nowIso } from '../data/job-writes';
import { Field } from './Field';
import type { JobWrite } from './use-job-write';

/** Tags: a set, added several at a time (comma-separated) and removed one by one. */
export function TagsSection({ job, write }: { job: Job; write: JobWrite }) {
  const prefix = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState('');
  const tags = job.tags ?? [];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const adding = normaliseTags(text.split(','));
    if (adding.length === 0) {
      setError('Type a tag to add.');
      input.current?.focus();
      return;
    }
    const checked = validateJob(withTags(job, adding, [], nowIso()));
    if (!checked.ok) {
      setError(Object.values(checked.errors)[0]);
      input.current?.focus();
      return;
    }
    const saved = await write((current, at) => withTags(current, adding, [], at));
    if (saved.ok) {
      setText('');
      setError(undefined);
      setMessage(`Added ${adding.length === 1 ? 'tag' : 'tags'} ${adding.join(', ')}.`);
    } else {
      setError(saved.message);
    }
  };

  const remove = async (tag: string) => {
    const saved = await write((current, at) => withTags(current, [], [tag], at));
    setMessage(saved.ok ? `Removed tag ${tag}.` : saved.message);
    input.current?.focus();
  };

  return (
    <section className="details-section" aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`}>
        Tags <span className="details-count">({tags.length})</span>
      </h3>
      {tags.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <ul className="tag-list">
          {tags.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              <button type="button" onClick={() => void remove(tag)}>
                <span aria-hidden="true">×</span>
                <span className="details-sr-only">Remove tag {tag}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="details-sr-only" role="status">
        {message}
      </p>
      <form className="entry-form tag-form" noValidate onSubmit={(event) => void add(event)} aria-label="Add tags">
        <Field id={`${prefix}-new`} label="Add tags" error={error} hint="Separate several with commas.">
          <input
            ref={input}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setError(undefined);
            }}
            autoComplete="off"
          />
        </Field>
        <button type="submit">Add</button>
      </form>
    </section>
  );
}
