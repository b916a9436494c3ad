/**
 * Parses a resume file with the same code the extension's worker runs, in Node:
 *   npm run parse-resume -- <file>          prints the parsed resume as JSON
 *   npm run parse-resume -- --text <file>   prints the extracted text
 * Exits with 1 and a clear message when the file cannot be read.
 */
import { ResumeParseError } from '../shared/resume/extract/errors';
import { extractResumeText, parseResumeBuffer, readResumeFile } from '../server/resume/parse-file';

async function main(args: string[]): Promise<number> {
  const textOnly = args.includes('--text');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) {
    console.error('Usage: npm run parse-resume -- [--text] <file.pdf|.docx|.png|.jpg>');
    return 2;
  }
  const file = files[0]!;
  try {
    const bytes = await readResumeFile(file);
    if (textOnly) {
      const extracted = await extractResumeText(bytes, { declaredType: file });
      process.stdout.write(`${extracted.text}\n`);
      console.error(`${extracted.kind}: ${extracted.pages} page(s), ${extracted.ocrPages} by OCR`);
    } else {
      const outcome = await parseResumeBuffer(bytes, { declaredType: file });
      process.stdout.write(`${JSON.stringify(outcome.resume, null, 2)}\n`);
      console.error(`${outcome.kind}: ${outcome.pages} page(s), ${outcome.ocrPages} by OCR, ${outcome.ms} ms`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ResumeParseError) {
      console.error(`${file}: ${error.message} (${error.code})`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      console.error(`${file}: cannot read the file (${code}).`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
