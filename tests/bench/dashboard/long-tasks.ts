import type { Page } from '@playwright/test';

/**
 * The page's main-thread long tasks (over 50 ms), recorded from the start of
 * every document the page loads: what a person feels as the dashboard
 * stalling while work goes on.
 */

export interface LongTask {
  start: number;
  duration: number;
}

export interface LongTaskSummary {
  count: number;
  maxMs: number;
  /** Time past the first 50 ms of each task: how long input could not be answered. */
  blockedMs: number;
}

export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (globalThis as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The current document's long tasks so far. */
export function readLongTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => (globalThis as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);
}

export function summariseLongTasks(tasks: readonly LongTask[]): LongTaskSummary {
  return {
    count: tasks.length,
    maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    blockedMs: Math.round(tasks.reduce((sum, t) => sum + (t.duration - 50), 0)),
  };
}
