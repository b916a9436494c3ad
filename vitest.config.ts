import { configDefaults, defineConfig } from 'vitest/config';
import { COUCHDB_TEST_ENV } from './tests/helpers/couch-mode.ts';

/**
 * Integration tests run against the CouchDB stand-in as well (see README, "Storage in CouchDB"),
 * except those in tests/integration/embedded/, of what only the embedded storage does: the gate
 * builds _changes, _all_docs and _bulk_get answers itself, row by row within a byte budget, only
 * over embedded PouchDB (with CouchDB they are streamed, bounded by the row caps), and only
 * embedded LevelDB handles are closed when idle and compacted after enough writes.
 */
const COUCHDB_INTEGRATION_TESTS = ['tests/integration/**/*.test.ts'];
const EMBEDDED_ONLY_TESTS = ['tests/integration/embedded/**'];
/**
 * The embedded projects' servers keep their databases embedded even when a *-couchdb project
 * runs in the same vitest process: its global setup names the stand-in in process.env, which
 * every worker would otherwise inherit.
 */
const EMBEDDED_STORAGE = { env: { [COUCHDB_TEST_ENV]: '' } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          ...EMBEDDED_STORAGE,
          include: ['tests/unit/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts', 'extension/**/*.test.ts', 'console/**/*.test.ts'],
          environment: 'node',
          // Some read real PDFs and images with pdf.js and tesseract.js: under a loaded machine the first one,
          // loading those engines, took over vitest's default 5 s. A guard against hanging, not a timing test.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          ...EMBEDDED_STORAGE,
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          // The same tests with every database in a CouchDB-compatible server in its own process
          // (tests/setup/couchdb.global.ts; TRACKRUIT_TEST_COUCHDB_URL names a real CouchDB instead).
          name: 'integration-couchdb',
          include: [...COUCHDB_INTEGRATION_TESTS, 'tests/integration-couchdb/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...EMBEDDED_ONLY_TESTS],
          environment: 'node',
          globalSetup: ['tests/setup/couchdb.global.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'chaos-couchdb',
          include: ['tests/chaos/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/couchdb.global.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Two server processes sharing the CouchDB stand-in and a Redis, behind a round-robin proxy
          // (tests/two-instances/deployment.ts). One file at a time: each starts its own pair.
          name: 'two-instances',
          include: ['tests/two-instances/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/couchdb.global.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'chaos',
          ...EMBEDDED_STORAGE,
          include: ['tests/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // End-to-end in firefox-esr with the built add-on (npm run test:firefox builds it first).
          name: 'firefox',
          include: ['tests/firefox/**/*.test.ts'],
          environment: 'node',
          // One Firefox at a time, as the Chromium tests run one worker: these machines have two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
