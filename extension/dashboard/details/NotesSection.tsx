import { noteFromText, notesNewestFirst } from '../../../shared/jobs/job-entries';
import type { Job, Note } from '../../../shared/schema';
import { formatDateTime } from '../../ui/format';
import { nowIso } from '../data/job-writes';
import { EntryList, type EntryFormProps } from './EntryList';
import { Field } from './Field';
import type { JobWrite } from './use-job-write';

const preview = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function NoteForm({ idPrefix, draft, onChange, errors }: EntryFormProps<string>) {
  return (
    <Field id={`${idPrefix}-text`} label="Note" error={errors.text ?? errors.id}>
      <textarea rows={3} value={draft} onChange={(event) => onChange(event.target.value)} />
    </Field>
  );
}

function NoteView({ entry }: { entry: Note }) {
  return (
    <div className="entry-view">
      <p className="note-text">{entry.text}</p>
      <time className="muted" dateTime={entry.at}>
        {formatDateTime(entry.at)}
      </time>
    </div>
  );
}

export function NotesSection({ job, write }: { job: Job; write: JobWrite }) {
  return (
    <EntryList<'notes', string>
      field="notes"
      entries={notesNewestFirst(job)}
      title="Notes"
      noun="note"
      emptyText="No notes yet."
      emptyDraft=""
      toDraft={(note) => note.text}
      // An edited note keeps the time it was first written, so notes keep their order.
      fromDraft={(text, id, previous) => noteFromText(text, id, previous?.at ?? nowIso())}
      describe={(note) => preview(note.text)}
      View={NoteView}
      Form={NoteForm}
      write={write}
    />
  );
}
