/**
 * `npm run extract -- --url <page URL> <saved-page.html>`: what TrackRuit would
 * detect on a saved page, for diagnosing a site change without the extension.
 * Prints { kind, job, applied, signals } as JSON; usage errors go to stderr
 * with exit code 2. Scripts in the page are never run.
 */
import { extractSavedPage, PageReadError, readSavedPage } from './saved-page';

const USAGE = 'usage: npm run extract -- --url <page URL> <saved-page.html>';

class UsageError extends Error {}

function parseArgs(argv: string[]): { url: URL; file: string } {
  let url: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--url') {
      url = argv[++i];
      if (url === undefined) throw new UsageError('--url needs a value');
    } else if (arg.startsWith('--url=')) url = arg.slice('--url='.length);
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (!url) throw new UsageError('missing --url <page URL>');
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'missing <saved-page.html>' : 'give exactly one file');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UsageError(`not an http(s) URL: ${url}`);
  return { url: parsed, file: files[0] ?? '' };
}

async function main(): Promise<number> {
  let args: { url: URL; file: string };
  let html: string;
  try {
    args = parseArgs(process.argv.slice(2));
    html = readSavedPage(args.file);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof PageReadError)) throw error;
    if (error.message) process.stderr.write(`extract: ${error.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { kind, job, applied, signals } = await extractSavedPage(args.url, html);
  process.stdout.write(`${JSON.stringify({ kind, job, applied, signals }, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`extract: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
