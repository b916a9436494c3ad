import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { SERVER_ENTRIES, SERVER_OUT_DIR } from '../server/build-layout';

/**
 * `npm run build:server`: the server and its worker threads as plain
 * JavaScript in dist/server, so production runs `node dist/server/main.js`
 * instead of compiling TypeScript on every start. Packages stay in
 * node_modules (external); our own code is bundled, one file per entry.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, SERVER_OUT_DIR);

/**
 * Modules find files next to their source (package.json, worker entries, packages
 * via createRequire) through import.meta.url. Bundled, that would be the bundle's
 * URL; each module gets the URL its source file has, computed from the bundle's.
 */
const sourceLocations: Plugin = {
  name: 'source-import-meta-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const fromBundle = path.relative(outDir, args.path).split(path.sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * main.ts imports tracing-preload.ts first so OpenTelemetry patches express and
 * node:http before they load. Bundled into main.js, it would run after them (an
 * ES module's imports, all hoisted to the top of the bundle, run before its
 * code), so main.js imports it as the separate entry it also is.
 */
const PRELOAD_ENTRY = SERVER_ENTRIES.find((entry) => entry.endsWith('/tracing-preload.ts'))!;
const separatePreload: Plugin = {
  name: 'separate-tracing-preload',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/tracing-preload$/ }, (args) => {
      const target = path.resolve(args.resolveDir, `${args.path}.ts`);
      if (target !== path.join(repoRoot, PRELOAD_ENTRY)) return undefined;
      return { path: `./${path.basename(PRELOAD_ENTRY, '.ts')}.js`, external: true };
    });
  },
};

await fs.rm(outDir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: repoRoot,
  entryPoints: SERVER_ENTRIES.map((entry) => ({ in: entry, out: path.basename(entry, '.ts') })),
  outdir: outDir,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  // The server needs no project settings (the repository's tsconfig extends WXT's generated one).
  tsconfigRaw: {},
  define: { __TRACKRUIT_COMPILED__: 'true' },
  plugins: [separatePreload, sourceLocations],
  logLevel: 'warning',
  metafile: true,
});
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
// Our source files the build read: the image's build stage must copy each (checked by a test).
const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/')).sort();
await fs.writeFile(path.join(outDir, 'inputs.json'), `${JSON.stringify(inputs, null, 2)}\n`);
// What the output imports from outside the bundle (packages and Node built-ins): the image installs
// production dependencies only, so each package here must be one (checked by a test).
const externals = [...new Set(Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((imported) => imported.external).map((imported) => imported.path)))].sort();
await fs.writeFile(path.join(outDir, 'externals.json'), `${JSON.stringify(externals, null, 2)}\n`);
console.log(`build:server: ${outputs.length} files in ${path.relative(repoRoot, outDir)} (${outputs.map((file) => path.basename(file)).join(', ')})`);
