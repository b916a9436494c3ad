/**
 * Where `npm run build:server` puts the compiled server, shared by the build
 * script, the worker loader (ts-worker.ts) and the checks of the image's files.
 * Each entry compiles to SERVER_OUT_DIR/<its file name>.js, so names must differ.
 */
export const SERVER_OUT_DIR = 'dist/server';

export const SERVER_ENTRIES = [
  'server/main.ts',
  // main.ts's first import, kept out of main.js so it runs before the packages main.js imports: see there.
  'server/observability/tracing-preload.ts',
  // Worker threads, started by file: see ts-worker.ts.
  'server/files/parse-worker.ts',
  'server/ml/worker.ts',
] as const;
