import { useState } from 'react';
import type { Resume } from '../../../shared/resume/doc';

export interface ResumeListActions {
  select: (id: string) => void;
  rename: (id: string, name: string) => Promise<void>;
  duplicate: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  makeActive: (id: string) => Promise<void>;
}

const KIND_LABEL: Record<Resume['outcome']['kind'], string> = { pdf: 'PDF', docx: 'Word', image: 'Image' };

function describe(resume: Resume): string {
  const pages = `${resume.outcome.pages} ${resume.outcome.pages === 1 ? 'page' : 'pages'}`;
  const ocr = resume.outcome.ocrPages > 0 ? `, ${resume.outcome.ocrPages} read by OCR` : '';
  return `${KIND_LABEL[resume.outcome.kind]}, ${pages}${ocr} · added ${new Date(resume.createdAt).toLocaleDateString()}`;
}

function RenameForm({ resume, onDone, rename }: { resume: Resume; onDone: () => void; rename: ResumeListActions['rename'] }) {
  const [name, setName] = useState(resume.name);
  const [error, setError] = useState<string>();
  const id = `rename-${resume.id}`;
  return (
    <form
      className="row resume-rename"
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim()) {
          setError('A resume needs a name.');
          return;
        }
        rename(resume.id, name.trim()).then(onDone, (failure: unknown) => setError(failure instanceof Error ? failure.message : 'Could not rename.'));
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        New name for {resume.name}
      </label>
      <input
        id={id}
        value={name}
        autoFocus
        maxLength={200}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
        }}
      />
      <button type="submit" className="primary">
        Save name
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </form>
  );
}

/** The person's resumes: pick one to edit, rename, duplicate, delete, choose the active one. */
export function ResumeList({ resumes, activeId, selectedId, actions }: { resumes: Resume[]; activeId: string | undefined; selectedId: string | undefined; actions: ResumeListActions }) {
  const [renaming, setRenaming] = useState<string>();
  return (
    <section aria-labelledby="resume-list-title" className="resume-list-section">
      <h2 id="resume-list-title">Your resumes</h2>
      <ul className="resume-list">
        {resumes.map((resume) => {
          const active = resume.id === activeId;
          return (
            <li key={resume.id} className={`resume-item${resume.id === selectedId ? ' is-selected' : ''}`} data-resume-id={resume.id}>
              {renaming === resume.id ? (
                <RenameForm resume={resume} rename={actions.rename} onDone={() => setRenaming(undefined)} />
              ) : (
                <div className="resume-item-head">
                  <button type="button" className="link resume-item-name" aria-current={resume.id === selectedId ? 'true' : undefined} onClick={() => actions.select(resume.id)}>
                    {resume.name}
                  </button>
                  {active && <span className="badge resume-active-badge">Active</span>}
                </div>
              )}
              <p className="muted resume-item-meta">
                {resume.file.fileName} · {describe(resume)}
              </p>
              <div className="row resume-item-actions">
                {!active && (
                  <button type="button" onClick={() => void actions.makeActive(resume.id)} aria-label={`Make ${resume.name} the active resume`}>
                    Make active
                  </button>
                )}
                <button type="button" onClick={() => setRenaming(resume.id)} aria-label={`Rename ${resume.name}`}>
                  Rename
                </button>
                <button type="button" onClick={() => void actions.duplicate(resume.id)} aria-label={`Duplicate ${resume.name}`}>
                  Duplicate
                </button>
                <button type="button" className="danger" onClick={() => void actions.remove(resume.id)} aria-label={`Delete ${resume.name}`}>
                  Delete
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
