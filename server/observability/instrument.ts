import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { UserAnalytics } from '../analytics/user/service';
import type { MlEngine } from '../ml/engine';
import type { ServerMetrics } from './metrics';

/** Seconds since `started` (a process.hrtime.bigint()). */
const since = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * The engine, timing each answer by kind and by who produced it (a cached answer counts as "cache").
 * With traces on, each task is also a span (`ml match`, ...) naming the engine, so a slow request shows
 * whether the worker, the external service or the cache answered; never the resume or the job.
 * Without them, @opentelemetry/api (which Redis's client loads anyway) hands out spans that do nothing.
 */
export function instrumentMl(engine: MlEngine, metrics: ServerMetrics): MlEngine {
  const tracer = trace.getTracer('trackruit-server');
  return {
    run(kind, body, options) {
      return tracer.startActiveSpan(`ml ${kind}`, async (span) => {
        const started = process.hrtime.bigint();
        try {
          const answer = await engine.run(kind, body, options);
          const by = answer.cached ? 'cache' : answer.engine;
          metrics.ml.observe({ kind, engine: by, outcome: 'ok' }, since(started));
          span.setAttribute('trackruit.ml.engine', by);
          return answer;
        } catch (error) {
          metrics.ml.observe({ kind, engine: 'none', outcome: 'error' }, since(started));
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      });
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
