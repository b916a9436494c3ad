/**
 * Prints the match of a resume against a job as JSON:
 *   npm run match -- <resume: .json (parsed resume or {"text"}), .txt, .pdf, .docx, .png, .jpg, or inline JSON> <job text file>
 * The job file is plain text (its first line is the title when short) or JSON { title, description, location }.
 * `--title "<job title>"` overrides the title. Exits 1 with the reason on input it cannot use.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { match, type MatchJob, type MatchResume } from '../shared/match/match';
import { resumeFromJson, resumeFromParsed } from '../shared/match/resume-input';
import { MAX_TEXT_CHARS, MatchInputError } from '../shared/match/text';
import { ResumeParseError, parseResumePath } from '../server/resume/parse-file';

const TEXT_BYTES = MAX_TEXT_CHARS * 4;

async function readText(file: string): Promise<string> {
  const { size } = await stat(file);
  if (size > TEXT_BYTES) throw new MatchInputError(`${file} is ${size} bytes; the limit for text is ${TEXT_BYTES}.`, 'too_large');
  return readFile(file, 'utf8');
}

function parseJson(raw: string, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new MatchInputError(`${what} is not valid JSON.`, 'malformed');
  }
}

async function loadResume(arg: string): Promise<MatchResume> {
  const now = new Date().toISOString().slice(0, 7);
  if (arg.trimStart().startsWith('{')) return resumeFromJson(parseJson(arg, 'The resume argument'), now);
  const ext = extname(arg).toLowerCase();
  if (ext === '.json') return resumeFromJson(parseJson(await readText(arg), arg), now);
  if (ext === '.txt' || ext === '.md' || ext === '') return { text: await readText(arg) };
  const outcome = await parseResumePath(arg, { declaredType: arg });
  return resumeFromParsed(outcome.resume);
}

async function loadJob(file: string, title: string | undefined): Promise<MatchJob> {
  const raw = await readText(file);
  if (extname(file).toLowerCase() === '.json') {
    const v = parseJson(raw, file) as Record<string, unknown>;
    const description = typeof v.description === 'string' ? v.description : typeof v.text === 'string' ? v.text : '';
    const t = title ?? (typeof v.title === 'string' ? v.title : undefined);
    return { description, ...(t ? { title: t } : {}), ...(typeof v.location === 'string' ? { location: v.location } : {}) };
  }
  const [first = '', ...rest] = raw.split(/\r?\n/);
  // A short first line without a full stop is the posting's title.
  if (title === undefined && first.trim().length > 0 && first.trim().length <= 100 && !/[.!?]$/.test(first.trim())) {
    return { title: first.trim(), description: rest.join('\n') };
  }
  return { description: raw, ...(title ? { title } : {}) };
}

async function main(args: string[]): Promise<number> {
  const titleAt = args.indexOf('--title');
  const title = titleAt >= 0 ? args[titleAt + 1] : undefined;
  const files = titleAt < 0 ? args : args.filter((_, i) => i !== titleAt && i !== titleAt + 1);
  if (files.length !== 2) {
    console.error('Usage: npm run match -- <resume file or JSON> <job text file> [--title "<job title>"]');
    return 2;
  }
  try {
    const resume = await loadResume(files[0]!);
    const job = await loadJob(files[1]!, title);
    process.stdout.write(`${JSON.stringify(match(resume, job), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof MatchInputError || error instanceof ResumeParseError) {
      console.error(error.message);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      console.error(`${(error as NodeJS.ErrnoException).path ?? 'file'}: cannot read the file (${code}).`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
