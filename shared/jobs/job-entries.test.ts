import { describe, expect, it } from 'vitest';
import { jobSchema } from '../schema/job';
import { manualJob } from './edit';
import {
  contactFromDraft,
  draftFromContact,
  draftFromInterview,
  EMPTY_CONTACT,
  interviewFromDraft,
  interviewsByDate,
  noteFromText,
  notesNewestFirst,
  replacingEntry,
  statusTimeline,
  withEntry,
  withoutEntry,
} from './job-entries';

const at = '2026-11-20T10:00:00.000Z';
const later = '2026-11-21T09:00:00.000Z';
const job = manualJob({ title: 'Engineer', company: 'Initech', url: 'https://initech.example/jobs/7', status: 'applied' }, at);

describe('notes, contacts and interviews', () => {
  it('adds, replaces and removes entries as whole values', () => {
    const first = noteFromText('  Called the recruiter  ', 'n1', at);
    expect(first).toEqual({ ok: true, entry: { id: 'n1', text: 'Called the recruiter', at } });
    if (!first.ok) return;
    const withNote = withEntry(job, 'notes', first.entry, later);
    expect(withNote.notes).toEqual([first.entry]);
    expect(withNote.updatedAt).toBe(later);

    const edited = { ...first.entry, id: 'n2', text: 'Called the recruiter twice' };
    const replaced = replacingEntry(withNote, 'notes', 'n1', edited, later);
    expect(replaced.notes).toEqual([edited]);
    expect(withoutEntry(replaced, 'notes', 'n2', later).notes).toEqual([]);
    expect(jobSchema.parse(replaced)).toEqual(replaced);
  });

  it('keeps an edit of an entry another device removed meanwhile', () => {
    const edited = { id: 'n2', text: 'still here', at };
    expect(replacingEntry(job, 'notes', 'n1', edited, later).notes).toEqual([edited]);
  });

  it('refuses an empty note with a message for its field', () => {
    expect(noteFromText('   ', 'n1', at)).toEqual({ ok: false, errors: { text: 'Note is required.' } });
  });

  it('builds a contact from its form, dropping blank parts and completing a bare link', () => {
    const result = contactFromDraft({ name: ' Ann Lee ', role: '', email: ' ann@initech.example ', url: 'linkedin.com/in/annlee' }, 'c1');
    expect(result).toEqual({ ok: true, entry: { id: 'c1', name: 'Ann Lee', email: 'ann@initech.example', url: 'https://linkedin.com/in/annlee' } });
    if (result.ok) expect(draftFromContact(result.entry)).toEqual({ name: 'Ann Lee', role: '', email: 'ann@initech.example', url: 'https://linkedin.com/in/annlee' });
    expect(contactFromDraft({ ...EMPTY_CONTACT, name: 'Ann', url: 'not a link' }, 'c3')).toEqual({
      ok: false,
      errors: { url: 'Link must be a web address starting with https:// or http://.' },
    });
    expect(contactFromDraft({ ...EMPTY_CONTACT, email: 'ann' }, 'c2')).toEqual({
      ok: false,
      errors: { name: 'Name is required.', email: 'Email must be an email address, like name@example.com.' },
    });
  });

  it('builds an interview from a local date and time, and requires the date', () => {
    const result = interviewFromDraft({ at: '2026-12-02T14:30', label: 'Onsite' }, 'i1');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.entry.label).toBe('Onsite');
      expect(draftFromInterview(result.entry)).toEqual({ at: '2026-12-02T14:30', label: 'Onsite' });
    }
    expect(interviewFromDraft({ at: '', label: 'Phone screen' }, 'i2')).toEqual({ ok: false, errors: { at: 'Date and time is required.' } });
  });

  it('orders the timeline oldest first, notes newest first and interviews by date', () => {
    const shuffled = {
      ...job,
      statusHistory: [
        { status: 'interview' as const, at: '2026-11-25T00:00:00.000Z' },
        { status: 'applied' as const, at },
      ],
      notes: [
        { id: 'a', text: 'old', at },
        { id: 'b', text: 'new', at: later },
      ],
      interviews: [
        { id: 'x', at: '2026-12-09T10:00:00.000Z' },
        { id: 'y', at: '2026-12-02T10:00:00.000Z' },
      ],
    };
    expect(statusTimeline(shuffled).map((change) => change.status)).toEqual(['applied', 'interview']);
    expect(notesNewestFirst(shuffled).map((note) => note.id)).toEqual(['b', 'a']);
    expect(interviewsByDate(shuffled).map((interview) => interview.id)).toEqual(['y', 'x']);
    expect(shuffled.statusHistory[0]!.status).toBe('interview');
  });
});
