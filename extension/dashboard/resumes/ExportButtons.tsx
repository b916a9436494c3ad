import { useState } from 'react';
import type { Resume } from '../../../shared/resume/doc';
import type { ParsedResume } from '../../../shared/resume/parsed-resume';
import { downloadBlob } from '../settings/download';
import { fetchOriginal } from './resume-writes';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** "Ada Lovelace CV" → "Ada-Lovelace-CV-ATS.pdf". */
export function exportFileName(name: string, extension: 'pdf' | 'docx'): string {
  const base = name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'resume';
  return `${base}-ATS.${extension}`;
}

type Busy = 'pdf' | 'docx' | 'original' | undefined;

/**
 * Download the original, and the ATS exports built on the device from the
 * resume as the form shows it (corrections included, saved or not).
 */
export function ExportButtons({ resume, current }: { resume: Resume; current: ParsedResume | undefined }) {
  const [busy, setBusy] = useState<Busy>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  async function run(kind: Exclude<Busy, undefined>, action: () => Promise<string | undefined>) {
    setBusy(kind);
    setMessage(undefined);
    try {
      const failure = await action();
      if (failure) setMessage({ text: failure, error: true });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : 'Something went wrong.', error: true });
    } finally {
      setBusy(undefined);
    }
  }

  const source = current ?? resume.resume;
  return (
    <div className="resume-exports">
      <div className="row">
        <button
          type="button"
          disabled={busy !== undefined}
          onClick={() =>
            void run('original', async () => {
              setMessage({ text: 'Getting the original…', error: false });
              const result = await fetchOriginal(resume);
              if (result.state !== 'ready') return result.state === 'failed' ? result.message : undefined;
              downloadBlob(result.blob, result.fileName);
              setMessage(undefined);
              return undefined;
            })
          }
        >
          Download original
        </button>
        <button
          type="button"
          disabled={busy !== undefined}
          onClick={() =>
            void run('pdf', async () => {
              const { buildAtsPdf } = await import('../../../shared/resume/export/ats-pdf');
              const bytes = await buildAtsPdf(source);
              downloadBlob(new Blob([bytes.slice()], { type: 'application/pdf' }), exportFileName(resume.name, 'pdf'));
              return undefined;
            })
          }
        >
          Export ATS PDF
        </button>
        <button
          type="button"
          disabled={busy !== undefined}
          onClick={() =>
            void run('docx', async () => {
              const { buildAtsDocx } = await import('../../../shared/resume/export/ats-docx');
              const bytes = await buildAtsDocx(source);
              downloadBlob(new Blob([bytes.slice()], { type: DOCX_TYPE }), exportFileName(resume.name, 'docx'));
              return undefined;
            })
          }
        >
          Export ATS DOCX
        </button>
      </div>
      <p role="status" className={message?.error ? 'error-text' : 'muted'}>
        {busy === 'pdf' ? 'Building the PDF…' : busy === 'docx' ? 'Building the Word document…' : message?.text}
      </p>
    </div>
  );
}
