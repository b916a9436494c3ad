import { useCallback, useEffect, useRef, useState } from 'react';
import { activeResumeId, type Resume } from '../../../shared/resume/doc';
import type { ResumeForm } from '../../../shared/resume/doc/resume-form';
import type { Job } from '../../../shared/schema';
import { UndoToast, type Toast } from '../table/UndoToast';
import { ResumeEditor } from './ResumeEditor';
import { ResumeChecks } from './ResumeChecks';
import { ResumeList, type ResumeListActions } from './ResumeList';
import { UploadPanel } from './UploadPanel';
import { chooseActive, duplicateResume, removeResume, renameResume, undoDelete } from './resume-writes';
import { useResumes } from './use-resumes';
import './resumes.css';

/**
 * The Resumes page: add a resume (parsed on this device), keep several,
 * correct what was parsed, export an ATS version, check what an ATS reads
 * and what would raise the match with the person's jobs. Works offline; with
 * sync on, resumes and their original files reach the person's other devices.
 */
export function ResumesPage({ jobs }: { jobs: readonly Job[] }) {
  const live = useResumes();
  const [selected, setSelected] = useState<string>();
  const [toast, setToast] = useState<Toast>();
  const drafts = useRef(new Map<string, ResumeForm>());
  const [, setDraftCount] = useState(0);
  const keepDraft = useCallback((id: string, form: ResumeForm | undefined) => {
    if (form) drafts.current.set(id, form);
    else drafts.current.delete(id);
    setDraftCount(drafts.current.size);
  }, []);
  // Leaving the page with unsaved corrections asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (drafts.current.size > 0) event.preventDefault();
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, []);

  const fail = useCallback((error: unknown) => setToast({ message: error instanceof Error ? error.message : 'Something went wrong.' }), []);
  const actions: ResumeListActions = {
    select: setSelected,
    rename: async (id, name) => {
      await renameResume(id, name);
    },
    duplicate: async (id) => {
      try {
        const copy = await duplicateResume(id);
        setSelected(copy.id);
        setToast({ message: `Duplicated as “${copy.name}”.` });
      } catch (error) {
        fail(error);
      }
    },
    remove: async (id) => {
      try {
        const removed = await removeResume(id);
        if (!removed) return;
        setToast({
          message: `Deleted “${removed.name}”.`,
          undo: () => {
            setToast(undefined);
            undoDelete(removed).then(() => setSelected(removed.id), fail);
          },
        });
      } catch (error) {
        fail(error);
      }
    },
    makeActive: async (id) => {
      try {
        await chooseActive(id);
      } catch (error) {
        fail(error);
      }
    },
  };

  if (live.state === 'loading') {
    return (
      <p className="empty" role="status">
        Loading your resumes…
      </p>
    );
  }
  if (live.state === 'error') {
    return (
      <p className="error-text" role="alert">
        {live.message}
      </p>
    );
  }
  const resumes = live.resumes;
  const activeId = activeResumeId(resumes);
  const current: Resume | undefined = resumes.find((resume) => resume.id === selected) ?? resumes.find((resume) => resume.id === activeId);

  return (
    <div className="resumes-page">
      <h1 className="visually-hidden">Resumes</h1>
      <div className="resumes-side">
        <UploadPanel onAdded={(resume) => setSelected(resume.id)} />
        {resumes.length > 0 ? (
          <ResumeList resumes={resumes} activeId={activeId} selectedId={current?.id} actions={actions} />
        ) : (
          <div className="empty-state">
            <h2>No resumes yet</h2>
            <p>Add your resume to see what TrackRuit reads in it, correct it, and export an ATS-friendly version.</p>
          </div>
        )}
      </div>
      <div className="resumes-main">
        {current && <ResumeEditor key={current.id} resume={current} draft={drafts.current.get(current.id)} onDraft={keepDraft} />}
        {/* Its own key: two siblings with one key make React keep the old editor when the resume changes. */}
        {current && <ResumeChecks key={`checks:${current.id}`} resume={current} jobs={jobs} />}
      </div>
      <UndoToast toast={toast} onDismiss={() => setToast(undefined)} />
    </div>
  );
}
