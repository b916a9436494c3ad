import { RESUME_LIMITS as STORED_RESUME_LIMITS } from '../doc/resume-doc';
import type { ParsedResume } from '../parsed-resume';
import type { AtsLayoutFacts } from '../../match/ats-check-types';

export interface ParseProgress {
  stage: 'reading' | 'text' | 'ocr' | 'parsing';
  page?: number;
  pages?: number;
  /** 0..1 over the whole file. */
  fraction: number;
}

export type FileKind = 'pdf' | 'docx' | 'image';

export interface ParseOutcome {
  kind: FileKind;
  text: string;
  resume: ParsedResume;
  pages: number;
  ocrPages: number;
  ms: number;
  /** Layout facts for the ATS check, when the caller asked for them. */
  layout?: AtsLayoutFacts;
}

export interface ResumeLimits {
  maxBytes: number;
  maxPages: number;
  timeoutMs: number;
}

export const RESUME_LIMITS: Readonly<ResumeLimits> = {
  maxBytes: STORED_RESUME_LIMITS.fileBytes,
  maxPages: STORED_RESUME_LIMITS.pages,
  timeoutMs: 60_000,
};
