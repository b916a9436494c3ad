/**
 * Documents per replication request. Bigger batches mean fewer round trips
 * for an initial sweep; `npm run bench:sync` measures the effect.
 *
 * Measured with 10,000 jobs of ~1.7 KB on the 2-core machine (CPU ms per
 * 1,000 jobs, client + server, which other load on the machine stretches less
 * than wall time): from 50 to 200, the extension's push in Chromium went from
 * 344 to 468 jobs/s (2,001 + 728 to 1,231 + 557 CPU ms) and its pull from 566
 * to 734 jobs/s (1,820 + 383 to 1,230 + 234). Each push batch is an
 * `_all_docs` and a `_bulk_docs` request, each pull batch a `_changes`
 * request plus its CORS preflight, every one with its own token check and
 * LevelDB lookups on the server. Pull batches above 200 gained nothing
 * measurable in a shorter probe.
 *
 * With the replication's own handlers (./couch/: a push of new jobs is one
 * `_bulk_docs` request, no `_all_docs` first), 10,000 jobs in Chromium, with
 * other work loading the machine (load average 8-11, so only the direction
 * counts): batches of 200 pushed in 10.2-11.2 s and pulled in 10.4-13.1 s;
 * 500 in 8.6 s and 9.6 s; 1,000 in 8.1-11.5 s and 9.1-9.9 s. Pulls gain
 * from fewer, larger pages; pushes about as much from either. 500 keeps a
 * push body near 1 MB, well under the split threshold below.
 *
 * The push batch is bounded by the server's body limit (SYNC_BODY_LIMIT_BYTES,
 * 10 MiB by default): a `_bulk_docs` body over it is refused with 413, and the
 * replication retries that batch forever. Bodies over 4 MB are split by bytes
 * before they are sent (./split-push.ts). The server also takes at most 1,000
 * documents per request (MAX_BULK_DOCS, MAX_CHANGES_LIMIT).
 */
export const REPLICATION_BATCH = { pull: 500, push: 500 } as const;
