/**
 * `npm run check:pages -- <pages folder> <cases.json>`: runs the extractors on
 * every real saved page a cases.json lists (URLs from the SOURCES.tsv beside
 * it, unless a case names its own) and prints each expectation that does not
 * hold, then "N of M expectations hold". A development tool, not part of CI:
 * the real pages cannot be committed. Exit code 1 when any expectation fails,
 * 2 on a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expectationCount, missesOf, parseCases, parseSources, type PageCase } from './page-cases';
import { extractSavedPage, PageReadError, readSavedPage } from './saved-page';

const USAGE = 'usage: npm run check:pages -- <pages folder> <cases.json>';

function urlFor(pageCase: PageCase, sources: Map<string, string>): URL | undefined {
  const raw = pageCase.url ?? sources.get(pageCase.file);
  if (!raw) return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

const show = (value: unknown) => JSON.stringify(value);

async function main(): Promise<number> {
  const [folder, casesFile, ...rest] = process.argv.slice(2);
  if (!folder || !casesFile || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const cases = parseCases(readFileSync(casesFile, 'utf8'));
  const sourcesFile = join(dirname(casesFile), 'SOURCES.tsv');
  const sources = existsSync(sourcesFile) ? parseSources(readFileSync(sourcesFile, 'utf8')) : new Map<string, string>();
  const total = expectationCount(cases);
  let holding = 0;
  for (const pageCase of cases) {
    const expected = Object.keys(pageCase.expect).length;
    const url = urlFor(pageCase, sources);
    if (!url) {
      process.stdout.write(`${pageCase.file}: no URL (neither in cases.json nor in ${sourcesFile}); ${expected} not checked\n`);
      continue;
    }
    let html: string;
    try {
      html = readSavedPage(join(folder, pageCase.file));
    } catch (error) {
      if (!(error instanceof PageReadError)) throw error;
      process.stdout.write(`${pageCase.file}: ${error.message}; ${expected} not checked\n`);
      continue;
    }
    const page = await extractSavedPage(url, html);
    const misses = missesOf(pageCase, page);
    holding += expected - misses.length;
    for (const miss of misses) {
      process.stdout.write(`${pageCase.file}: ${miss.field} expected ${show(miss.expected)}, got ${show(miss.actual)}\n`);
    }
  }
  process.stdout.write(`${holding} of ${total} expectations hold\n`);
  return holding === total ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`check:pages: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
