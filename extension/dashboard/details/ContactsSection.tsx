import { contactFromDraft, draftFromContact, EMPTY_CONTACT, type ContactDraft } from '../../../shared/jobs/job-entries';
import type { Contact, Job } from '../../../shared/schema';
import { EntryList, type EntryFormProps } from './EntryList';
import { Field } from './Field';
import type { JobWrite } from './use-job-write';

function ContactForm({ idPrefix, draft, onChange, errors }: EntryFormProps<ContactDraft>) {
  const set = (key: keyof ContactDraft) => (event: { target: { value: string } }) => onChange({ ...draft, [key]: event.target.value });
  return (
    <div className="entry-grid">
      <Field id={`${idPrefix}-name`} label="Name" error={errors.name}>
        <input value={draft.name} onChange={set('name')} autoComplete="off" />
      </Field>
      <Field id={`${idPrefix}-role`} label="Role" error={errors.role}>
        <input value={draft.role} onChange={set('role')} autoComplete="off" placeholder="Recruiter, hiring manager…" />
      </Field>
      <Field id={`${idPrefix}-email`} label="Email" error={errors.email}>
        <input type="email" value={draft.email} onChange={set('email')} autoComplete="off" />
      </Field>
      <Field id={`${idPrefix}-url`} label="Link" error={errors.url}>
        <input type="url" inputMode="url" value={draft.url} onChange={set('url')} autoComplete="off" placeholder="Profile page" />
      </Field>
    </div>
  );
}

function ContactView({ entry }: { entry: Contact }) {
  return (
    <div className="entry-view">
      <p className="contact-name">
        {entry.url ? (
          <a href={entry.url} target="_blank" rel="noopener noreferrer">
            {entry.name}
          </a>
        ) : (
          entry.name
        )}
        {entry.role && <span className="muted"> · {entry.role}</span>}
      </p>
      {entry.email && <a href={`mailto:${entry.email}`}>{entry.email}</a>}
    </div>
  );
}

export function ContactsSection({ job, write }: { job: Job; write: JobWrite }) {
  return (
    <EntryList<'contacts', ContactDraft>
      field="contacts"
      entries={job.contacts ?? []}
      title="Contacts"
      noun="contact"
      emptyText="No contacts yet."
      emptyDraft={EMPTY_CONTACT}
      toDraft={draftFromContact}
      fromDraft={(draft, id) => contactFromDraft(draft, id)}
      describe={(contact) => contact.name}
      View={ContactView}
      Form={ContactForm}
      write={write}
    />
  );
}
