/**
 * `npm run bench:resume`: what reading a resume costs per page, in the
 * extension's worker (Chromium), in the Node path, and, on the same files in
 * the same run, in the native tools (`pdftotext`, and `pdftoppm` + the
 * `tesseract` CLI with the same best_int English model and page segmentation
 * mode 3, one thread). Not a test: it prints a table, the ratios and each
 * engine's CER, and writes tests/bench/results/resume.json.
 *
 * Every figure is per file, from start to text, divided by its pages. The
 * Chromium worker is measured twice: warm (the headline: the worker the
 * Resumes page starts and warms ahead of the files and keeps for the next
 * ones) and cold (a fresh worker per file: worker start-up, engine start-up
 * and model loading all paid by the file). The native tools include their
 * process start and model loading, as a command-line tool pays them. Medians
 * over the runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { characterErrorRate } from '../../shared/resume/cer';
import { extractResumeText } from '../../server/resume/parse-file';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = path.resolve(ROOT, process.env.TRACKRUIT_OUT_DIR ?? '.output');
const EXTENSION_DIR = path.join(OUT_DIR, 'chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURES = path.join(ROOT, 'tests/fixtures/resumes');
const RESULTS = path.join(ROOT, 'tests/bench/results/resume.json');
const TEXT_RUNS = Number(process.env.BENCH_TEXT_RUNS ?? 5);
const OCR_RUNS = Number(process.env.BENCH_OCR_RUNS ?? 3);
/** The resolution the pipeline renders scanned pages at (shared/resume/extract/pdf.ts). */
const OCR_DPI = 200;

const R1 = 'resume1_single_column';
const R2 = 'resume2_two_column';
const R3 = 'resume3_skills_table';
const TEXT_FILES: [file: string, truths: string[]][] = [
  [`${R1}.pdf`, [R1]],
  [`${R2}.pdf`, [R2]],
  [`${R3}.pdf`, [R3]],
  ['combined_3pages.pdf', [R1, R2, R3]],
];
const OCR_FILES: [file: string, truths: string[]][] = [
  [`${R2}_scanned_150dpi.pdf`, [R2]],
  [`${R1}_scanned_noisy_200dpi.pdf`, [R1]],
  [`${R3}_scanned_300dpi.pdf`, [R3]],
];

const truthText = (names: string[]) => names.map((n) => readFileSync(path.join(FIXTURES, `${n}.gt.txt`), 'utf8')).join('\n');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Sample {
  ms: number;
  pages: number;
  text: string;
  /** Chromium only: the time inside the worker, without starting it. */
  inWorkerMs?: number;
}

/** Per run: total ms over total pages of the set; then the median of the runs. CER: mean over the files of the last run. */
function summarise(runs: Sample[][], files: [string, string[]][]): { msPerPage: number; cer: number; cerByFile: Record<string, number> } {
  const perRun = runs.map((run) => run.reduce((a, s) => a + s.ms, 0) / run.reduce((a, s) => a + s.pages, 0));
  const last = runs.at(-1)!;
  const cerByFile: Record<string, number> = {};
  files.forEach(([file, truths], i) => (cerByFile[file] = round(characterErrorRate(truthText(truths), last[i]!.text) * 100, 2)));
  const cers = Object.values(cerByFile);
  return { msPerPage: round(median(perRun), 1), cer: round(cers.reduce((a, b) => a + b, 0) / cers.length, 2), cerByFile };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 1);
}

// ---------------------------------------------------------------- native tools

function pdftotextRun(files: [string, string[]][]): Sample[] {
  return files.map(([file]) => {
    const full = path.join(FIXTURES, file);
    const started = performance.now();
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', full, '-'], { encoding: 'utf8' });
    return { ms: performance.now() - started, pages: pdfPages(full), text };
  });
}

async function tesseractRun(files: [string, string[]][], tessdata: string, scratch: string): Promise<Sample[]> {
  return files.map(([file]) => {
    const full = path.join(FIXTURES, file);
    const pages = pdfPages(full);
    const started = performance.now();
    const prefix = path.join(scratch, path.basename(file, '.pdf'));
    execFileSync('pdftoppm', ['-r', String(OCR_DPI), '-gray', full, prefix]);
    const images = readdirSync(scratch).filter((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.pgm')).sort();
    const text = images
      .map((img) =>
        execFileSync('tesseract', [path.join(scratch, img), '-', '--tessdata-dir', tessdata, '-l', 'eng', '--psm', '3', '--oem', '1'], {
          encoding: 'utf8',
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      )
      .join('\n');
    return { ms: performance.now() - started, pages, text };
  });
}

// ---------------------------------------------------------------- Node path

async function nodeRun(files: [string, string[]][]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const [file] of files) {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, file)));
    const started = performance.now();
    const out = await extractResumeText(bytes);
    samples.push({ ms: performance.now() - started, pages: out.pages, text: out.text });
  }
  return samples;
}

// ---------------------------------------------------------------- Chromium worker

function ensureBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  const manifest = path.join(EXTENSION_DIR, 'manifest.json');
  const sources = Math.max(newest(path.join(ROOT, 'extension')), newest(path.join(ROOT, 'shared')), statSync(path.join(ROOT, 'wxt.config.ts')).mtimeMs);
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return;
  console.log('Building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TRACKRUIT_OUT_DIR: OUT_DIR } });
}

type ComlinkGlobal = { wrap<T>(w: Worker): T; proxy<T>(f: T): T; transfer<T>(v: T, t: Transferable[]): T };
type WorkerApi = { warm(): Promise<void>; parse(b: Uint8Array, t: string, p: unknown): Promise<{ text: string; pages: number; ms: number }> };

/**
 * Cold: a fresh worker per file, timed from `new Worker` (module loading,
 * pdf.js's code, the OCR engine's start and model are all paid by the file).
 * Warm: what the Resumes page does: one worker started and warmed ahead of
 * the files (not timed, as it happens while the person picks a file), then
 * reused for each file while they end cleanly; timed from the parse call.
 */
async function chromiumRun(page: Page, workerUrl: string, files: [string, string[]][], mode: 'cold' | 'warm'): Promise<Sample[]> {
  if (mode === 'warm') {
    await page.evaluate(async (workerUrl) => {
      const g = globalThis as unknown as { Comlink: ComlinkGlobal; benchWorker?: Worker; benchApi?: WorkerApi };
      g.benchWorker = new Worker(workerUrl, { type: 'module' });
      // One proxy for the worker's life: comlink closes the worker's side when a proxy is released.
      g.benchApi = g.Comlink.wrap<WorkerApi>(g.benchWorker);
      await g.benchApi.warm();
    }, workerUrl);
  }
  const samples: Sample[] = [];
  for (const [file] of files) {
    const bytes = readFileSync(path.join(FIXTURES, file)).toString('base64');
    samples.push(
      await page.evaluate(
        async ({ bytes, workerUrl, mode }) => {
          const g = globalThis as unknown as { Comlink: ComlinkGlobal; benchWorker?: Worker; benchApi?: WorkerApi };
          const Comlink = g.Comlink;
          const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
          const started = performance.now();
          const worker = mode === 'warm' ? g.benchWorker! : new Worker(workerUrl, { type: 'module' });
          try {
            const api = mode === 'warm' ? g.benchApi! : Comlink.wrap<WorkerApi>(worker);
            const out = await api.parse(Comlink.transfer(data, [data.buffer]), '', Comlink.proxy(() => {}));
            return { ms: performance.now() - started, pages: out.pages, text: out.text, inWorkerMs: out.ms };
          } finally {
            if (mode === 'cold') worker.terminate();
          }
        },
        { bytes, workerUrl, mode },
      ),
    );
  }
  if (mode === 'warm') {
    await page.evaluate(() => {
      const g = globalThis as unknown as { benchWorker?: Worker };
      g.benchWorker?.terminate();
    });
  }
  return samples;
}

async function main(): Promise<void> {
  ensureBuilt();
  const workerFile = readdirSync(path.join(EXTENSION_DIR, 'assets')).find((f) => /^parse\.worker-.*\.js$/.test(f));
  if (!workerFile) throw new Error(`No resume worker in ${EXTENSION_DIR}`);
  const scratch = await mkdtemp(path.join(tmpdir(), 'trackruit-resume-bench-'));
  const tessdata = path.join(scratch, 'tessdata');
  mkdirSync(tessdata);
  writeFileSync(
    path.join(tessdata, 'eng.traineddata'),
    new Uint8Array(gunzipSync(new Uint8Array(readFileSync(path.join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'))))),
  );
  const profile = await mkdtemp(path.join(tmpdir(), 'trackruit-resume-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM,
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(sw.url()).host}/dashboard.html`);
    await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/comlink/dist/umd/comlink.js'), 'utf8'));
    const workerUrl = `/assets/${workerFile}`;

    const runs = {
      text: { warm: [] as Sample[][], cold: [] as Sample[][], node: [] as Sample[][], pdftotext: [] as Sample[][] },
      ocr: { warm: [] as Sample[][], cold: [] as Sample[][], node: [] as Sample[][], tesseract: [] as Sample[][] },
    };
    // Warm-up (file cache, JIT), not counted.
    await nodeRun(TEXT_FILES.slice(0, 1));
    await chromiumRun(page, workerUrl, TEXT_FILES.slice(0, 1), 'cold');
    pdftotextRun(TEXT_FILES.slice(0, 1));
    // Interleaved, so a busy moment on the shared machine hits every engine alike.
    for (let run = 0; run < TEXT_RUNS; run++) {
      runs.text.warm.push(await chromiumRun(page, workerUrl, TEXT_FILES, 'warm'));
      runs.text.cold.push(await chromiumRun(page, workerUrl, TEXT_FILES, 'cold'));
      runs.text.node.push(await nodeRun(TEXT_FILES));
      runs.text.pdftotext.push(pdftotextRun(TEXT_FILES));
    }
    for (let run = 0; run < OCR_RUNS; run++) {
      runs.ocr.warm.push(await chromiumRun(page, workerUrl, OCR_FILES, 'warm'));
      runs.ocr.cold.push(await chromiumRun(page, workerUrl, OCR_FILES, 'cold'));
      runs.ocr.node.push(await nodeRun(OCR_FILES));
      runs.ocr.tesseract.push(await tesseractRun(OCR_FILES, tessdata, scratch));
    }

    const text = {
      warm: summarise(runs.text.warm, TEXT_FILES),
      cold: summarise(runs.text.cold, TEXT_FILES),
      node: summarise(runs.text.node, TEXT_FILES),
      pdftotext: summarise(runs.text.pdftotext, TEXT_FILES),
    };
    const ocr = {
      warm: summarise(runs.ocr.warm, OCR_FILES),
      cold: summarise(runs.ocr.cold, OCR_FILES),
      node: summarise(runs.ocr.node, OCR_FILES),
      tesseract: summarise(runs.ocr.tesseract, OCR_FILES),
    };
    const inWorker = (runs: Sample[][]) =>
      round(median(runs.map((run) => run.reduce((a, s) => a + (s.inWorkerMs ?? 0), 0) / run.reduce((a, s) => a + s.pages, 0))), 1);
    const chromiumInWorker = {
      text: { warm: inWorker(runs.text.warm), cold: inWorker(runs.text.cold) },
      ocr: { warm: inWorker(runs.ocr.warm), cold: inWorker(runs.ocr.cold) },
    };
    const ratio = (a: number, b: number) => round(a / b, 2);
    const ratios = {
      text: {
        chromiumVsPdftotext: ratio(text.warm.msPerPage, text.pdftotext.msPerPage),
        chromiumColdVsPdftotext: ratio(text.cold.msPerPage, text.pdftotext.msPerPage),
        nodeVsPdftotext: ratio(text.node.msPerPage, text.pdftotext.msPerPage),
      },
      ocr: {
        chromiumVsTesseract: ratio(ocr.warm.msPerPage, ocr.tesseract.msPerPage),
        chromiumColdVsTesseract: ratio(ocr.cold.msPerPage, ocr.tesseract.msPerPage),
        nodeVsTesseract: ratio(ocr.node.msPerPage, ocr.tesseract.msPerPage),
      },
    };
    const engineSize = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((a, e) => a + (e.isDirectory() ? engineSize(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
    const result = {
      // The headline `chromium` figures are warm: what a person pays for a file dropped on the Resumes page, which
      // starts and warms its worker when it opens (and again on drag-enter or a click on "Choose a file"; an idle
      // worker stops after 60 s) and keeps it for the next files. The cold figures (a fresh worker per file, as
      // before the worker was kept) are in `chromiumCold`: the first file after the page has sat idle for a minute
      // pays about that, minus what the drag or click gave it a head start on.
      text: { chromium: text.warm.msPerPage, node: text.node.msPerPage, pdftotext: text.pdftotext.msPerPage },
      ocr: { chromium: ocr.warm.msPerPage, node: ocr.node.msPerPage, tesseract: ocr.tesseract.msPerPage },
      chromiumCold: { text: text.cold.msPerPage, ocr: ocr.cold.msPerPage },
      ratios,
      // The same Chromium runs timed inside the worker (from the parse call to its outcome), without the page's messaging or the worker's start.
      chromiumInWorker,
      details: [
        'Per file from start to text, divided by its pages; medians over the runs.',
        'chromium (headline) = warm: each run starts a worker and warms it (pdf.js code loaded, a tiny PDF read through the pipeline, the OCR engine started and run over a few drawn lines) before its files, untimed, as the Resumes page does when it opens and while a person picks or drags a file; the run\'s files then reuse it. The first file a warmed worker reads still costs more than the next (about 45-70 ms against 12-20 ms for a one-page text PDF here); the median includes it once per run.',
        'chromiumCold = a fresh worker per file, timed from new Worker: module loading, pdf.js code, OCR engine start and model load all count. The browser keeps compiled code between workers, so a first file right after the browser starts costs more than this.',
        'pdftotext and tesseract include their process start and (tesseract) model load per file, as a command-line tool pays them.',
        'Native OCR: pdftoppm -r 200 -gray then tesseract 5 CLI, best_int eng model, --psm 3, OMP_THREAD_LIMIT=1; the worker renders at 200 dpi and uses the same model and mode.',
      ],
      cerPercent: {
        text: { chromium: text.warm.cerByFile, chromiumCold: text.cold.cerByFile, node: text.node.cerByFile, pdftotext: text.pdftotext.cerByFile },
        ocr: { chromium: ocr.warm.cerByFile, chromiumCold: ocr.cold.cerByFile, node: ocr.node.cerByFile, tesseract: ocr.tesseract.cerByFile },
      },
      bundleBytes: {
        worker: statSync(path.join(EXTENSION_DIR, 'assets', workerFile)).size,
        engineAssets: engineSize(path.join(EXTENSION_DIR, 'resume-engine')),
        extension: engineSize(EXTENSION_DIR),
      },
      runs: { text: TEXT_RUNS, ocr: OCR_RUNS, ocrDpi: OCR_DPI, textPages: runs.text.node[0]!.reduce((a, s) => a + s.pages, 0), ocrPages: runs.ocr.node[0]!.reduce((a, s) => a + s.pages, 0) },
      // The machine is shared: its load during the run says how far to trust the absolute figures.
      loadAverage: loadavg().map((x) => round(x, 2)),
      measuredAt: new Date().toISOString(),
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);

    const row = (label: string, s: { msPerPage: number; cer: number }) => console.log(`  ${label.padEnd(34)} ${String(s.msPerPage).padStart(8)} ms/page   CER ${s.cer.toFixed(2)}%`);
    console.log(`Load average ${result.loadAverage.join(' ')}`);
    console.log(`Text PDFs (${result.runs.textPages} pages, median of ${TEXT_RUNS} runs)`);
    row('worker in Chromium, warm (headline)', text.warm);
    row('worker in Chromium, cold', text.cold);
    row('Node path', text.node);
    row('pdftotext', text.pdftotext);
    console.log(`  (Chromium inside the worker: warm ${chromiumInWorker.text.warm}, cold ${chromiumInWorker.text.cold} ms/page)`);
    console.log(`  ratio to pdftotext: Chromium warm ${ratios.text.chromiumVsPdftotext}x, cold ${ratios.text.chromiumColdVsPdftotext}x, Node ${ratios.text.nodeVsPdftotext}x (aim: within 3x)`);
    console.log(`Scanned PDFs (${result.runs.ocrPages} pages, median of ${OCR_RUNS} runs, rendered at ${OCR_DPI} dpi)`);
    row('worker in Chromium, warm (headline)', ocr.warm);
    row('worker in Chromium, cold', ocr.cold);
    row('Node path', ocr.node);
    row('pdftoppm + tesseract CLI', ocr.tesseract);
    console.log(`  (Chromium inside the worker: warm ${chromiumInWorker.ocr.warm}, cold ${chromiumInWorker.ocr.cold} ms/page)`);
    console.log(`  ratio to tesseract: Chromium warm ${ratios.ocr.chromiumVsTesseract}x, cold ${ratios.ocr.chromiumColdVsTesseract}x, Node ${ratios.ocr.nodeVsTesseract}x (aim: within 1.5x)`);
    console.log(`CER per file (%): ${JSON.stringify(result.cerPercent)}`);
    console.log(`Bundle: worker ${(result.bundleBytes.worker / 1024).toFixed(0)} KB, engine assets ${(result.bundleBytes.engineAssets / 1048576).toFixed(2)} MB, whole extension ${(result.bundleBytes.extension / 1048576).toFixed(2)} MB`);
    console.log(`Wrote ${path.relative(ROOT, RESULTS)}`);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
