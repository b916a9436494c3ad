import type { UserAnalytics } from '../analytics/user/service';
import type { MlEngine } from '../ml/engine';
import type { ServerMetrics } from './metrics';

/** Seconds since `started` (a process.hrtime.bigint()). */
const since = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** The engine, timing each answer by kind and by who produced it (a cached answer counts as "cache"). */
export function instrumentMl(engine: MlEngine, metrics: ServerMetrics): MlEngine {
  return {
    async run(kind, body, options) {
      const started = process.hrtime.bigint();
      try {
        const answer = await engine.run(kind, body, options);
        metrics.ml.observe({ kind, engine: answer.cached ? 'cache' : answer.engine, outcome: 'ok' }, since(started));
        return answer;
      } catch (error) {
        metrics.ml.observe({ kind, engine: 'none', outcome: 'error' }, since(started));
        throw error;
      }
    },
    status: () => engine.status(),
    clearCache: () => engine.clearCache(),
    resetBreaker: () => engine.resetBreaker(),
    close: () => engine.close(),
  };
}

/** A user's analytics, each report timed. */
export function instrumentAnalytics(analytics: UserAnalytics, metrics: ServerMetrics): UserAnalytics {
  const timed = <T>(report: string, work: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    return work().then(
      (value) => {
        metrics.analytics.observe({ report, outcome: 'ok' }, since(started));
        return value;
      },
      (error: unknown) => {
        metrics.analytics.observe({ report, outcome: 'error' }, since(started));
        throw error;
      },
    );
  };
  return {
    insights: (userId, options) => timed('insights', () => analytics.insights(userId, options)),
    stats: (userId) => timed('stats', () => analytics.stats(userId)),
    skillGaps: (userId) => timed('skill_gaps', () => analytics.skillGaps(userId)),
    csv: (userId, write) => timed('csv', () => analytics.csv(userId, write)),
  };
}
