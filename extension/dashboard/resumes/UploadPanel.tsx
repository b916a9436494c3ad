import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { Resume } from '../../../shared/resume/doc';
import { prewarmResumeParser, ResumeParseError, stopIdleResumeParser, type ParseProgress } from '../../resume/parse-resume-file';
import { PARSE_ERROR_MESSAGES, progressText } from './parse-messages';
import { addResumeFromFile } from './resume-writes';

const ACCEPT = '.pdf,.docx,.png,.jpg,.jpeg,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg';

type UploadState =
  | { state: 'idle' }
  | { state: 'reading'; fileName: string; progress: ParseProgress | undefined }
  | { state: 'failed'; fileName: string; message: string }
  | { state: 'cancelled'; fileName: string };

function messageOf(error: unknown): string {
  if (error instanceof ResumeParseError) {
    // The reader's own words help when a file is damaged in some particular way.
    const detail = error.code === 'corrupt' && error.message !== new ResumeParseError('corrupt').message ? ` (${error.message})` : '';
    return `${PARSE_ERROR_MESSAGES[error.code]}${detail}`;
  }
  return error instanceof Error ? `The resume could not be kept: ${error.message}` : 'The resume could not be kept.';
}

/**
 * Drop zone and file picker. The file is read on this device, in a worker;
 * the bar says what it is doing (text extraction, then OCR page by page) and
 * Cancel stops the worker at once.
 */
export function UploadPanel({ onAdded }: { onAdded: (resume: Resume) => void }) {
  const [upload, setUpload] = useState<UploadState>({ state: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | undefined>(undefined);
  const busy = upload.state === 'reading';
  // The reader starts while the person picks a file, not after; it stops when left idle or the page goes.
  useEffect(() => {
    prewarmResumeParser();
    return stopIdleResumeParser;
  }, []);

  async function read(file: File) {
    if (busy) return;
    const controller = new AbortController();
    abort.current = controller;
    setUpload({ state: 'reading', fileName: file.name, progress: undefined });
    try {
      const resume = await addResumeFromFile(file, {
        signal: controller.signal,
        onProgress: (progress) => setUpload({ state: 'reading', fileName: file.name, progress }),
      });
      setUpload({ state: 'idle' });
      onAdded(resume);
    } catch (error) {
      if (controller.signal.aborted || (error instanceof ResumeParseError && error.code === 'cancelled')) setUpload({ state: 'cancelled', fileName: file.name });
      else setUpload({ state: 'failed', fileName: file.name, message: messageOf(error) });
    } finally {
      abort.current = undefined;
      if (input.current) input.current.value = '';
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void read(file);
  }

  return (
    <section className="resume-upload" aria-labelledby="resume-upload-title">
      <h2 id="resume-upload-title">Add a resume</h2>
      <div
        className={`resume-drop${dragging ? ' is-dragging' : ''}`}
        data-testid="resume-drop-zone"
        onDragEnter={() => prewarmResumeParser()}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop a PDF, Word document (.docx), or a PNG or JPEG photo or scan of your resume here, or</p>
        <label className="resume-pick" htmlFor="resume-file">
          Choose a file
        </label>
        <input
          ref={input}
          id="resume-file"
          className="visually-hidden"
          type="file"
          accept={ACCEPT}
          disabled={busy}
          onClick={() => prewarmResumeParser()}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void read(file);
          }}
        />
        <p className="muted">It is read on this device: nothing is sent anywhere but your own server, and only once you sync. At most 10 MB and 30 pages.</p>
      </div>
      {upload.state === 'reading' && (
        <div className="resume-progress">
          <label htmlFor="resume-progress-bar">Reading {upload.fileName}</label>
          <div className="row">
            <progress id="resume-progress-bar" max={1} value={upload.progress?.fraction ?? 0} aria-describedby="resume-progress-text" />
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </div>
          <p id="resume-progress-text" role="status" data-testid="resume-progress-text">
            {upload.progress ? progressText(upload.progress) : 'Starting…'}
          </p>
        </div>
      )}
      {upload.state === 'failed' && (
        <p className="error-text" role="alert">
          {upload.fileName}: {upload.message}
        </p>
      )}
      {upload.state === 'cancelled' && (
        <p role="status" className="muted">
          Stopped reading {upload.fileName}.
        </p>
      )}
    </section>
  );
}
