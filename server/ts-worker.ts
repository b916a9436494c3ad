import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Worker entries are TypeScript; tsx's API loads them whether the server runs under tsx or a test runner.
const TSX_API = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/** The `eval` source of a worker thread that runs the TypeScript module at `entry` (a file URL). */
export function tsWorkerSource(entry: URL): string {
  const href = JSON.stringify(entry.href);
  return `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${href}, ${href}));`;
}
