import type { ResumeParseErrorCode } from '../../../shared/resume/extract/errors';
import type { ParseProgress } from '../../../shared/resume/extract/types';

/** What a person reads when a file cannot be read, with what to do about it. */
export const PARSE_ERROR_MESSAGES: Record<ResumeParseErrorCode, string> = {
  'too-large': 'This file is larger than 10 MB. Save a smaller copy (for example without images) and try again.',
  'too-many-pages': 'This document has more than 30 pages, more than a resume can have here. Upload only the pages of your resume.',
  timeout: 'Reading this file took longer than 60 seconds, so it was stopped. A text PDF or a Word document reads much faster than a scan.',
  'unsupported-type': 'This kind of file cannot be read. Upload a PDF, a Word document (.docx), or a PNG or JPEG image of your resume.',
  encrypted: 'This PDF is protected by a password. Save a copy without the password and upload that.',
  corrupt: 'This file is damaged or is not what its name says, so it cannot be read.',
  empty: 'No text could be found in this file. If it is a photo or scan, check that it is sharp and upright, or upload a PDF or Word document.',
  cancelled: 'Reading the file was cancelled.',
};

/** "OCR page 2 of 3": what the progress bar says the worker is doing. */
export function progressText(progress: ParseProgress): string {
  const of = progress.page !== undefined && progress.pages !== undefined ? ` ${progress.page} of ${progress.pages}` : '';
  switch (progress.stage) {
    case 'reading':
      return 'Opening the file…';
    case 'text':
      return of ? `Text extraction, page${of}` : 'Text extraction…';
    case 'ocr':
      return of ? `OCR page${of}` : 'OCR…';
    case 'parsing':
      return 'Finding the sections…';
  }
}
