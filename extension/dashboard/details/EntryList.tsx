import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { newEntryId } from '../../../shared/jobs/edit';
import type { FieldErrors } from '../../../shared/jobs/field-errors';
import { replacingEntry, withEntry, withoutEntry, type EntryOf, type EntryResult, type ListField } from '../../../shared/jobs/job-entries';
import type { JobWrite } from './use-job-write';

export interface EntryFormProps<D> {
  idPrefix: string;
  draft: D;
  onChange: (draft: D) => void;
  errors: FieldErrors;
}

interface EntryListProps<F extends ListField, D> {
  field: F;
  /** In display order. */
  entries: readonly EntryOf<F>[];
  title: string;
  noun: string;
  emptyText: string;
  emptyDraft: D;
  toDraft: (entry: EntryOf<F>) => D;
  /** The entry the form describes; `previous` is the entry being edited. */
  fromDraft: (draft: D, id: string, previous: EntryOf<F> | undefined) => EntryResult<EntryOf<F>>;
  /** A few words naming an entry, for its buttons and messages. */
  describe: (entry: EntryOf<F>) => string;
  View: (props: { entry: EntryOf<F> }) => ReactNode;
  Form: (props: EntryFormProps<D>) => ReactNode;
  write: JobWrite;
}

type Editing<E, D> = { entry: E; draft: D; errors: FieldErrors; message?: string };

/**
 * A job's list of notes, contacts or interviews: add, edit and delete, each
 * saved at once. An edit replaces the entry with a new one (see
 * shared/jobs/job-entries.ts); a deletion can be undone.
 */
export function EntryList<F extends ListField, D>(props: EntryListProps<F, D>) {
  const { field, entries, title, noun, emptyText, emptyDraft, toDraft, fromDraft, describe, View, Form, write } = props;
  const prefix = useId();
  const root = useRef<HTMLElement>(null);
  const [adding, setAdding] = useState<{ draft: D; errors: FieldErrors; message?: string }>({ draft: emptyDraft, errors: {} });
  const [editing, setEditing] = useState<Editing<EntryOf<F>, D>>();
  // One write at a time: a double click must not add the same note twice.
  const writing = useRef(false);
  const [removed, setRemoved] = useState<EntryOf<F>>();
  const [message, setMessage] = useState('');
  // Where focus goes after the list re-renders: a CSS selector inside this section.
  const [focusTarget, setFocusTarget] = useState<string>();

  useEffect(() => {
    if (!focusTarget) return;
    root.current?.querySelector<HTMLElement>(focusTarget)?.focus();
    setFocusTarget(undefined);
  }, [focusTarget, entries]);

  const once = async (run: () => Promise<void>) => {
    if (writing.current) return;
    writing.current = true;
    try {
      await run();
    } finally {
      writing.current = false;
    }
  };

  const add = async () => {
    const result = fromDraft(adding.draft, newEntryId(), undefined);
    if (!result.ok) {
      setAdding({ ...adding, errors: result.errors });
      setFocusTarget(`[data-form="add"] [aria-invalid="true"]`);
      return;
    }
    const saved = await write((job, at) => withEntry(job, field, result.entry, at));
    if (saved.ok) {
      setAdding({ draft: emptyDraft, errors: {} });
      setMessage(`Added ${noun}: ${describe(result.entry)}.`);
    } else {
      setAdding({ ...adding, errors: {}, message: saved.message });
    }
  };

  const startEdit = (entry: EntryOf<F>) => {
    setEditing({ entry, draft: toDraft(entry), errors: {} });
    setFocusTarget(`[data-form="edit"] input, [data-form="edit"] textarea`);
  };

  const saveEdit = async () => {
    if (!editing) return;
    const previous = editing.entry;
    const result = fromDraft(editing.draft, newEntryId(), previous);
    if (!result.ok) {
      setEditing({ ...editing, errors: result.errors });
      setFocusTarget(`[data-form="edit"] [aria-invalid="true"]`);
      return;
    }
    const saved = await write((job, at) => replacingEntry(job, field, previous.id, result.entry, at));
    if (saved.ok) {
      setEditing(undefined);
      setMessage(`Saved ${noun}: ${describe(result.entry)}.`);
      setFocusTarget(`[data-entry-id="${result.entry.id}"] button`);
    } else {
      setEditing({ ...editing, errors: {}, message: saved.message });
    }
  };

  const remove = async (entry: EntryOf<F>) => {
    const saved = await write((job, at) => withoutEntry(job, field, entry.id, at));
    if (saved.ok) {
      setRemoved(entry);
      setMessage(`Deleted ${noun}: ${describe(entry)}.`);
      setFocusTarget('[data-undo]');
    } else {
      setMessage(saved.message);
    }
  };

  const undo = async () => {
    if (!removed) return;
    const entry = removed;
    const saved = await write((job, at) => withEntry(job, field, entry, at));
    if (saved.ok) {
      setRemoved(undefined);
      setMessage(`Restored ${noun}: ${describe(entry)}.`);
      setFocusTarget(`[data-entry-id="${entry.id}"] button`);
    } else {
      setMessage(saved.message);
    }
  };

  const submit = (run: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    void once(run);
  };

  // An entry being edited can vanish under the user: deleted, or edited (so replaced) on another device.
  const orphaned = editing !== undefined && !entries.some((entry) => entry.id === editing.entry.id);

  const editForm = (current: Editing<EntryOf<F>, D>) => (
    <form data-form="edit" className="entry-form" noValidate onSubmit={submit(saveEdit)} aria-label={`Edit ${noun}`}>
      {orphaned && <p className="details-notice-inline">This {noun} was changed or deleted on another device. Saving keeps your version as well.</p>}
      <Form idPrefix={`${prefix}-edit`} draft={current.draft} errors={current.errors} onChange={(draft) => setEditing({ ...current, draft })} />
      {current.message && (
        <p className="error-text" role="alert">
          {current.message}
        </p>
      )}
      <div className="entry-actions">
        <button type="submit" className="primary">
          Save {noun}
        </button>
        <button
          type="button"
          onClick={() => {
            setEditing(undefined);
            setFocusTarget(`[data-entry-id="${current.entry.id}"] button`);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );

  const headingId = `${prefix}-heading`;
  return (
    <section ref={root} className="details-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <span className="details-count">({entries.length})</span>
      </h3>
      {orphaned && <div className="entry-list entry-orphan">{editForm(editing)}</div>}
      {entries.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="entry-list">
          {entries.map((entry) => (
            <li key={entry.id} data-entry-id={entry.id}>
              {editing?.entry.id === entry.id ? (
                editForm(editing)
              ) : (
                <>
                  <View entry={entry} />
                  <div className="entry-actions">
                    <button type="button" onClick={() => startEdit(entry)} aria-label={`Edit ${noun}: ${describe(entry)}`}>
                      Edit
                    </button>
                    <button type="button" className="danger" onClick={() => void once(() => remove(entry))} aria-label={`Delete ${noun}: ${describe(entry)}`}>
                      Delete
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="entry-status" role="status">
        {message}
        {removed && (
          <>
            {' '}
            <button type="button" className="link" data-undo onClick={() => void once(undo)}>
              Undo
            </button>
          </>
        )}
      </div>
      <form data-form="add" className="entry-form" noValidate onSubmit={submit(add)} aria-label={`Add ${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`}>
        <Form
          idPrefix={`${prefix}-add`}
          draft={adding.draft}
          errors={adding.errors}
          onChange={(draft) => setAdding({ draft, errors: {} })}
        />
        {adding.message && (
          <p className="error-text" role="alert">
            {adding.message}
          </p>
        )}
        <button type="submit">Add {noun}</button>
      </form>
    </section>
  );
}
