import { describe, expect, it } from 'vitest';
import { RESUME_PARSE_ERROR_CODES } from '../../../shared/resume/extract/errors';
import { PARSE_ERROR_MESSAGES, progressText } from './parse-messages';

describe('resume parse messages', () => {
  it('has a message for every error code the parser can give', () => {
    for (const code of RESUME_PARSE_ERROR_CODES) expect(PARSE_ERROR_MESSAGES[code]).toMatch(/\.$/);
  });

  it('names the stage and the page', () => {
    expect(progressText({ stage: 'ocr', page: 2, pages: 3, fraction: 0.5 })).toBe('OCR page 2 of 3');
    expect(progressText({ stage: 'text', page: 1, pages: 2, fraction: 0.2 })).toBe('Text extraction, page 1 of 2');
    expect(progressText({ stage: 'text', fraction: 0.2 })).toBe('Text extraction…');
    expect(progressText({ stage: 'parsing', fraction: 0.95 })).toBe('Finding the sections…');
  });
});
