/**
 * Documents per replication request. Bigger batches mean fewer round trips
 * for an initial sweep; `npm run bench:sync` measures the effect.
 */
export const REPLICATION_BATCH = { pull: 50, push: 50 } as const;
