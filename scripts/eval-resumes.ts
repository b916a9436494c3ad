/**
 * Field-level recall and precision of the resume parser on held-out resumes:
 *   npm run eval:resumes                      the set in tests/fixtures/resumes-heldout
 *   npm run eval:resumes -- <dir> [--misses] [--json]
 * Each `<name>.gt.json` there is the ground truth of `<name>.txt` (text as the
 * PDF reader gives it, parsed as text), `<name>.pdf` or `<name>.docx` (read by
 * the same pipeline as the extension's worker). `--misses` lists what was
 * missed and what was wrong per resume; `--json` prints the figures as JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResumeText } from '../shared/resume/parse-resume-text';
import type { ParsedResume } from '../shared/resume/parsed-resume';
import { EVAL_FIELDS, resumeTruthSchema, scoreResume, summarise, type ResumeScore } from '../shared/resume/eval/score';
import { parseResumeBuffer, readResumeFile } from '../server/resume/parse-file';

const DEFAULT_DIR = join(import.meta.dirname, '..', 'tests', 'fixtures', 'resumes-heldout');

async function parseSource(dir: string, stem: string, files: readonly string[]): Promise<{ file: string; resume: ParsedResume }> {
  const file = files.find((f) => f.startsWith(`${stem}.`) && /\.(?:txt|pdf|docx)$/i.test(f));
  if (!file) throw new Error(`${stem}.gt.json has no .txt, .pdf or .docx beside it`);
  const path = join(dir, file);
  if (file.endsWith('.txt')) return { file, resume: parseResumeText(readFileSync(path, 'utf8')) };
  const outcome = await parseResumeBuffer(await readResumeFile(path), { declaredType: file });
  return { file, resume: outcome.resume };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

async function main(args: string[]): Promise<number> {
  const dir = args.find((a) => !a.startsWith('--')) ?? DEFAULT_DIR;
  const files = readdirSync(dir).sort();
  const stems = files.filter((f) => f.endsWith('.gt.json')).map((f) => f.slice(0, -'.gt.json'.length));
  if (stems.length === 0) {
    console.error(`No *.gt.json files in ${dir}`);
    return 1;
  }
  const scores: ResumeScore[] = [];
  for (const stem of stems) {
    const truth = resumeTruthSchema.parse(JSON.parse(readFileSync(join(dir, `${stem}.gt.json`), 'utf8')));
    const { file, resume } = await parseSource(dir, stem, files);
    const score = scoreResume(resume, truth);
    scores.push(score);
    if (args.includes('--misses')) {
      console.log(`\n${file}`);
      for (const field of EVAL_FIELDS) {
        const { missed, extra } = score.misses[field];
        if (missed.length) console.log(`  ${field} missed: ${missed.join(' | ')}`);
        if (extra.length) console.log(`  ${field} wrong:  ${extra.join(' | ')}`);
      }
    }
  }
  const summary = summarise(scores);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ resumes: stems.length, ...summary }, null, 2));
    return 0;
  }
  console.log(`\n${stems.length} resumes in ${dir}`);
  console.log('field       truth  found correct  recall precision     F1');
  for (const [field, r] of [...Object.entries(summary.fields), ['overall', summary.overall] as const]) {
    console.log(`${field.padEnd(10)} ${String(r.truth).padStart(6)} ${String(r.found).padStart(6)} ${String(r.correct).padStart(7)} ${pct(r.recall)} ${pct(r.precision)}  ${pct(r.f1)}`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
