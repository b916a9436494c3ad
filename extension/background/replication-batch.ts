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
 * The push batch is bounded by the server's body limit (SYNC_BODY_LIMIT_BYTES,
 * 10 MiB by default): a `_bulk_docs` body over it is refused with 413, and the
 * replication retries that batch forever. 200 jobs stay under it up to about
 * 50 KB per job, far above real captures; larger batches would need the
 * request split by bytes first. The server also takes at most 1,000
 * documents per request (MAX_BULK_DOCS, MAX_CHANGES_LIMIT).
 */
export const REPLICATION_BATCH = { pull: 200, push: 200 } as const;
