import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_OUT_DIR } from './build-layout';

/** Set to true by `npm run build:server` (esbuild define); absent when tsx runs the sources. */
declare const __TRACKRUIT_COMPILED__: boolean | undefined;
const COMPILED = typeof __TRACKRUIT_COMPILED__ !== 'undefined' && __TRACKRUIT_COMPILED__;

/**
 * The `eval` source of a worker thread that runs the TypeScript module at `entry`
 * (a file URL of its source). From the sources, tsx's API loads it (whether the
 * server runs under tsx or a test runner); in the built server, the entry's
 * compiled file in dist/server runs, and tsx (a dev dependency) is never needed.
 */
export function tsWorkerSource(entry: URL): string {
  const href = COMPILED ? compiledEntry(entry) : entry.href;
  if (COMPILED) return `import(${JSON.stringify(href)});`;
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(href)}, ${JSON.stringify(href)}));`;
}

/** This file's import.meta.url is its source's (see scripts/build-server.ts): the repository root is one up. */
function compiledEntry(entry: URL): string {
  return new URL(`../${SERVER_OUT_DIR}/${path.basename(entry.pathname, '.ts')}.js`, import.meta.url).href;
}
