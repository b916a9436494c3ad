import { useEffect, useMemo, useState } from 'react';
import type { Resume, ResumeSection } from '../../../shared/resume/doc';
import {
  contactToForm,
  DATE_HINT,
  educationToForm,
  emptyEducation,
  emptyExperience,
  emptyProject,
  experienceToForm,
  formToResume,
  projectsToForm,
  resumeToForm,
  type ResumeForm,
  type ResumeFormErrors,
} from '../../../shared/resume/doc/resume-form';
import { sameValue } from '../../../shared/sync/merge-job';
import { focusFirstInvalid } from '../details/Field';
import { TextField, FormSection } from './EntryFields';
import { ExportButtons } from './ExportButtons';
import { SkillChips } from './SkillChips';
import { saveCorrections } from './resume-writes';

type SaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; message: string };

/** The form of one section as it would be stored, to compare with what was parsed. */
function sectionFromParsed(form: ResumeForm, section: ResumeSection, parsed: Resume['parsed']): ResumeForm {
  const next = { ...form };
  switch (section) {
    case 'contact':
      next.contact = contactToForm(parsed.contact);
      break;
    case 'summary':
      next.summary = parsed.summary ?? '';
      break;
    case 'experience':
      next.experience = experienceToForm(parsed.experience);
      break;
    case 'education':
      next.education = educationToForm(parsed.education);
      break;
    case 'skills':
      next.skills = [...parsed.skills];
      break;
    case 'certifications':
      next.certifications = parsed.certifications.join('\n');
      break;
    case 'languages':
      next.languages = parsed.languages.join('\n');
      break;
    case 'projects':
      next.projects = projectsToForm(parsed.projects);
      break;
  }
  return next;
}

/**
 * The parsed resume as an editable form. What was parsed stays in the
 * document, so each section can go back to it; Save stores the corrections,
 * which sync and which the ATS exports use.
 */
export function ResumeEditor({ resume, draft, onDraft }: { resume: Resume; draft?: ResumeForm | undefined; onDraft?: (id: string, form: ResumeForm | undefined) => void }) {
  const [form, setForm] = useState<ResumeForm>(() => draft ?? resumeToForm(resume.resume));
  const [errors, setErrors] = useState<ResumeFormErrors>({});
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const [root, setRoot] = useState<HTMLFormElement | null>(null);

  // Another device's edit arriving while this form is untouched shows at once.
  const [basis, setBasis] = useState(resume.resume);
  const checked = useMemo(() => formToResume(form), [form]);
  const dirty = !checked.ok || !sameValue(checked.resume, basis);
  // Unsaved edits outlive switching to another resume (the page keeps them until saved).
  useEffect(() => onDraft?.(resume.id, dirty ? form : undefined), [resume.id, dirty, form, onDraft]);
  useEffect(() => {
    if (!dirty && !sameValue(resume.resume, basis)) {
      setForm(resumeToForm(resume.resume));
      setBasis(resume.resume);
    }
  }, [resume.resume, basis, dirty]);

  const update = (change: (current: ResumeForm) => ResumeForm) => {
    setForm(change);
    if (save.state === 'saved') setSave({ state: 'idle' });
  };
  const differsFromParsed = (section: ResumeSection) => !checked.ok || !sameValue(checked.resume[section], resume.parsed[section]);
  const resetFor = (section: ResumeSection) => (differsFromParsed(section) ? () => update((current) => sectionFromParsed(current, section, resume.parsed)) : undefined);

  async function onSave() {
    if (!checked.ok) {
      setErrors(checked.errors);
      setSave({ state: 'failed', message: 'Some fields need fixing before the resume can be saved.' });
      queueMicrotask(() => focusFirstInvalid(root));
      return;
    }
    setErrors({});
    setSave({ state: 'saving' });
    try {
      const saved = await saveCorrections(resume.id, checked.resume);
      setBasis(saved.resume);
      setSave({ state: 'saved' });
    } catch (error) {
      setSave({ state: 'failed', message: error instanceof Error ? error.message : 'Could not save.' });
    }
  }

  const id = (path: string) => `resume-${path.replaceAll('.', '-')}`;
  const contact = form.contact;
  const setContact = (field: keyof ResumeForm['contact']) => (value: string) => update((current) => ({ ...current, contact: { ...current.contact, [field]: value } }));

  return (
    <form
      ref={setRoot}
      className="resume-editor"
      aria-label={`Edit ${resume.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSave();
      }}
    >
      <div className="resume-editor-head">
        <h2 className="resume-editor-title">{resume.name}</h2>
        <ExportButtons resume={resume} current={checked.ok ? checked.resume : undefined} />
      </div>

      <FormSection id="resume-contact" title="Contact" onReset={resetFor('contact')}>
        <div className="details-grid">
          <TextField id={id('contact.name')} label="Name" value={contact.name} onChange={setContact('name')} />
          <TextField id={id('contact.email')} label="Email" value={contact.email} onChange={setContact('email')} />
          <TextField id={id('contact.phone')} label="Phone" value={contact.phone} onChange={setContact('phone')} />
          <TextField id={id('contact.location')} label="Location" value={contact.location} onChange={setContact('location')} />
          <TextField id={id('contact.links')} label="Links" hint="One per line" multiline rows={2} className="details-wide" value={contact.links} onChange={setContact('links')} />
        </div>
      </FormSection>

      <FormSection id="resume-summary" title="Summary" onReset={resetFor('summary')}>
        <TextField id={id('summary')} label="Summary" multiline rows={4} value={form.summary} onChange={(summary) => update((current) => ({ ...current, summary }))} />
      </FormSection>

      <FormSection id="resume-experience" title="Experience" onReset={resetFor('experience')}>
        <ol className="resume-entries">
          {form.experience.map((entry, i) => {
            const set = (field: keyof typeof entry) => (value: string) =>
              update((current) => ({ ...current, experience: current.experience.map((e, j) => (j === i ? { ...e, [field]: value } : e)) }));
            const label = entry.title || entry.company || `Experience ${i + 1}`;
            return (
              <li key={entry.key} className="resume-entry">
                <div className="details-grid">
                  <TextField id={id(`experience.${i}.title`)} label="Title" value={entry.title} onChange={set('title')} />
                  <TextField id={id(`experience.${i}.company`)} label="Company" value={entry.company} onChange={set('company')} />
                  <TextField id={id(`experience.${i}.location`)} label="Location" value={entry.location} onChange={set('location')} />
                  <TextField id={id(`experience.${i}.start`)} label="Start" hint={DATE_HINT} value={entry.start} error={errors[`experience.${i}.start`]} onChange={set('start')} />
                  <TextField id={id(`experience.${i}.end`)} label="End" hint={DATE_HINT} value={entry.end} error={errors[`experience.${i}.end`]} onChange={set('end')} />
                  <TextField id={id(`experience.${i}.bullets`)} label="Bullet points" hint="One per line" multiline rows={4} className="details-wide" value={entry.bullets} onChange={set('bullets')} />
                </div>
                <button type="button" className="danger" aria-label={`Remove ${label}`} onClick={() => update((current) => ({ ...current, experience: current.experience.filter((_, j) => j !== i) }))}>
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => update((current) => ({ ...current, experience: [...current.experience, emptyExperience()] }))}>
          Add experience
        </button>
      </FormSection>

      <FormSection id="resume-education" title="Education" onReset={resetFor('education')}>
        <ol className="resume-entries">
          {form.education.map((entry, i) => {
            const set = (field: keyof typeof entry) => (value: string) =>
              update((current) => ({ ...current, education: current.education.map((e, j) => (j === i ? { ...e, [field]: value } : e)) }));
            const label = entry.degree || entry.institution || `Education ${i + 1}`;
            return (
              <li key={entry.key} className="resume-entry">
                <div className="details-grid">
                  <TextField id={id(`education.${i}.degree`)} label="Degree" value={entry.degree} onChange={set('degree')} />
                  <TextField id={id(`education.${i}.institution`)} label="Institution" value={entry.institution} onChange={set('institution')} />
                  <TextField id={id(`education.${i}.location`)} label="Location" value={entry.location} onChange={set('location')} />
                  <TextField id={id(`education.${i}.start`)} label="Start" hint={DATE_HINT} value={entry.start} error={errors[`education.${i}.start`]} onChange={set('start')} />
                  <TextField id={id(`education.${i}.end`)} label="End" hint={DATE_HINT} value={entry.end} error={errors[`education.${i}.end`]} onChange={set('end')} />
                  <TextField id={id(`education.${i}.details`)} label="Details" hint="One per line" multiline rows={2} className="details-wide" value={entry.details} onChange={set('details')} />
                </div>
                <button type="button" className="danger" aria-label={`Remove ${label}`} onClick={() => update((current) => ({ ...current, education: current.education.filter((_, j) => j !== i) }))}>
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => update((current) => ({ ...current, education: [...current.education, emptyEducation()] }))}>
          Add education
        </button>
      </FormSection>

      <FormSection id="resume-skills" title="Skills" onReset={resetFor('skills')}>
        <SkillChips skills={form.skills} onChange={(skills) => update((current) => ({ ...current, skills }))} />
      </FormSection>

      <FormSection id="resume-certifications" title="Certifications" onReset={resetFor('certifications')}>
        <TextField id={id('certifications')} label="Certifications" hint="One per line" multiline rows={3} value={form.certifications} onChange={(certifications) => update((current) => ({ ...current, certifications }))} />
      </FormSection>

      <FormSection id="resume-languages" title="Languages" onReset={resetFor('languages')}>
        <TextField id={id('languages')} label="Languages" hint="One per line" multiline rows={2} value={form.languages} onChange={(languages) => update((current) => ({ ...current, languages }))} />
      </FormSection>

      <FormSection id="resume-projects" title="Projects" onReset={resetFor('projects')}>
        <ol className="resume-entries">
          {form.projects.map((entry, i) => {
            const set = (field: keyof typeof entry) => (value: string) =>
              update((current) => ({ ...current, projects: current.projects.map((e, j) => (j === i ? { ...e, [field]: value } : e)) }));
            return (
              <li key={entry.key} className="resume-entry">
                <div className="details-grid">
                  <TextField id={id(`projects.${i}.name`)} label="Project name" value={entry.name} error={errors[`projects.${i}.name`]} onChange={set('name')} />
                  <TextField id={id(`projects.${i}.description`)} label="Description" value={entry.description} onChange={set('description')} />
                  <TextField id={id(`projects.${i}.bullets`)} label="Bullet points" hint="One per line" multiline rows={3} className="details-wide" value={entry.bullets} onChange={set('bullets')} />
                  <TextField id={id(`projects.${i}.links`)} label="Links" hint="One per line" multiline rows={2} className="details-wide" value={entry.links} onChange={set('links')} />
                </div>
                <button type="button" className="danger" aria-label={`Remove ${entry.name || `project ${i + 1}`}`} onClick={() => update((current) => ({ ...current, projects: current.projects.filter((_, j) => j !== i) }))}>
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => update((current) => ({ ...current, projects: [...current.projects, emptyProject()] }))}>
          Add project
        </button>
      </FormSection>

      <div className="details-actions resume-save-bar">
        <button type="submit" className="primary" disabled={save.state === 'saving'}>
          Save resume
        </button>
        <span role="status" className="muted">
          {save.state === 'saved' ? 'Saved.' : save.state === 'saving' ? 'Saving…' : dirty ? 'Unsaved changes.' : ''}
        </span>
        {save.state === 'failed' && (
          <p className="error-text" role="alert">
            {save.message}
          </p>
        )}
      </div>
    </form>
  );
}
