import { defineConfig } from 'vitest/config';

/** Integration tests run against the CouchDB stand-in as well (see README, "Storage in CouchDB"). */
const COUCHDB_INTEGRATION_TESTS = ['tests/integration/**/*.test.ts'];

/**
 * Tests of what only the embedded storage does, left out of the CouchDB run (they run in
 * `integration`): the gate builds _changes, _all_docs and _bulk_get answers itself, row by row
 * within a byte budget, only over embedded PouchDB (with CouchDB they are streamed, bounded by
 * the row caps), and only embedded LevelDB handles are closed when idle and compacted after
 * enough writes (CouchDB manages its own files).
 */
const EMBEDDED_ONLY_TESTS = [
  'pages _changes?include_docs within the byte budget',
  'refuses an _all_docs or _bulk_get answer over the byte budget',
  'closes an idle database and compacts one after enough writes',
  'pulls answers over the server’s answer limit in smaller requests and pages',
];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOT_EMBEDDED_ONLY = new RegExp(`^(?!.*(?:${EMBEDDED_ONLY_TESTS.map(escapeRegExp).join('|')}))`);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts', 'extension/**/*.test.ts', 'console/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
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
          // Vitest applies it per project at run time, though its types list it for the root config only;
          // npm run test:integration:couchdb runs this project on its own.
          ...({ testNamePattern: NOT_EMBEDDED_ONLY } as object),
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
