import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResumeParseError, parseResumeBuffer, readResumeFile } from '../../server/resume/parse-file';
import type { ResumeParseErrorCode } from '../../shared/resume/extract/errors';

/**
 * Every hostile file of the shared material gets its clear error from the
 * Node path, within the 60-second limit. (In the browser the same pipeline
 * runs in a worker that the page terminates; see tests/e2e/resume-worker.spec.ts.)
 */
const STRESS = path.resolve('tests/fixtures/resumes/stress');

const CASES: [file: string, codes: ResumeParseErrorCode[]][] = [
  ['empty.pdf', ['empty']],
  ['random_bytes.pdf', ['unsupported-type']],
  ['not_a_pdf_png.pdf', ['unsupported-type']],
  ['truncated_resume1_header_only.pdf', ['corrupt']],
  ['truncated_resume1_50pct.pdf', ['corrupt']],
  ['truncated_resume1_90pct.pdf', ['corrupt']],
  ['truncated_201pages_50pct.pdf', ['corrupt']],
  ['encrypted_userpw.pdf', ['encrypted']],
  ['circular_pages.pdf', ['corrupt']],
  ['deep_nesting.pdf', ['empty']],
  ['text_201pages.pdf', ['too-many-pages']],
  ['long_400pages.pdf', ['too-many-pages']],
  ['text_20100pages.pdf', ['too-many-pages']],
  // Both bombs carry a one-line title and a huge payload: the image is never decoded (maxImageSize, and
  // pages with text are not rendered); the content stream either inflates within the page's budget
  // (leaving too little text for a resume) or runs past it, depending on the machine.
  ['bomb_image_40000x40000.pdf', ['empty']],
  ['bomb_flate_content_512MiB.pdf', ['empty', 'timeout']],
];

describe('hostile resume files (Node path)', () => {
  it.each(CASES)('%s → %j', async (file, codes) => {
    const started = Date.now();
    const bytes = new Uint8Array(await readFile(path.join(STRESS, file)));
    const error = await parseResumeBuffer(bytes, { declaredType: file }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResumeParseError);
    expect(codes).toContain((error as ResumeParseError).code);
    expect((error as ResumeParseError).message).toMatch(/\w+/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 70_000);

  it('refuses a file over 10 MB before reading it, and stops at the time limit', async () => {
    await expect(readResumeFile(path.join(STRESS, 'text_20100pages.pdf'), 1024)).rejects.toMatchObject({ code: 'too-large' });
    const bytes = new Uint8Array(await readFile(path.resolve('tests/fixtures/resumes/resume2_two_column_scanned_150dpi.pdf')));
    await expect(parseResumeBuffer(bytes, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
  }, 30_000);

  it('stops when cancelled', async () => {
    const bytes = new Uint8Array(await readFile(path.resolve('tests/fixtures/resumes/resume2_two_column_scanned_150dpi.pdf')));
    const controller = new AbortController();
    const parsing = parseResumeBuffer(bytes, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'ocr') controller.abort();
      },
    });
    await expect(parsing).rejects.toMatchObject({ code: 'cancelled' });
  }, 30_000);
});
