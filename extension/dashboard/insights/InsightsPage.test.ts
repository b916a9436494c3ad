// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobThrough, makeJob, savedJob } from '../../../shared/insights/test-jobs';
import type { Job } from '../../../shared/schema';
import { InsightsPage } from './InsightsPage';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

let root: Root | undefined;
let container: HTMLElement;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  container?.remove();
});

function render(jobs: readonly Job[]) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(createElement(InsightsPage, { jobs })));
  return container;
}

function tableRows(page: HTMLElement, caption: string): string[][] {
  const table = [...page.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent === caption);
  if (!table) throw new Error(`no table "${caption}"`);
  return [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent ?? ''));
}

describe('InsightsPage', () => {
  it('shows the empty state with no jobs', () => {
    const page = render([]);
    expect(page.querySelector('h2')?.textContent).toBe('Insights');
    expect(page.textContent).toContain('No applications yet');
    expect(page.querySelectorAll('figure')).toHaveLength(0);
  });

  it('counts saved jobs in the empty state when nothing was applied to', () => {
    const page = render([savedJob(), savedJob()]);
    expect(page.textContent).toContain('No applications yet');
    expect(page.textContent).toContain('2 saved jobs are waiting');
  });

  it('draws every insight for one application', () => {
    const page = render([makeJob({ appliedAt: daysAgo(1), platform: 'internshala', location: 'Pune' })]);
    const titles = [...page.querySelectorAll('figure h3')].map((h) => h.textContent);
    expect(titles).toEqual(['From application to offer', 'Where your jobs stand', 'Applications per week', 'Time to first response', 'By site', 'By location']);
    expect(page.textContent).toContain('Of 1 application, 0 (0%) got a response');
    expect(page.textContent).toContain('No responses yet');
    expect(tableRows(page, 'Applications and responses by site')).toEqual([['Internshala', '1', '0', '0%']]);
  });

  it('gives every figure a name, a description and its numbers as a table', () => {
    const jobs = [
      savedJob(),
      makeJob({ appliedAt: daysAgo(2), location: 'Berlin, Germany' }),
      jobThrough(daysAgo(20), [['interview', daysAgo(16)], ['offer', daysAgo(6)]], { location: 'Berlin, Germany (Hybrid)' }),
      jobThrough(daysAgo(9), [['rejected', daysAgo(8.5)]], { platform: 'internshala', location: 'Work From Home' }),
      jobThrough(daysAgo(40), [['ghosted', daysAgo(10)]], { location: undefined }),
    ];
    const page = render(jobs);

    for (const figure of page.querySelectorAll('figure')) {
      const title = page.querySelector(`#${figure.getAttribute('aria-labelledby')}`);
      const summary = page.querySelector(`#${figure.getAttribute('aria-describedby')}`);
      expect(title?.textContent).toBeTruthy();
      expect(summary?.textContent).toBeTruthy();
      const chart = figure.querySelector('.insights-chart');
      if (chart) {
        expect(chart.getAttribute('aria-hidden')).toBe('true');
        expect(figure.querySelector('table caption')?.textContent).toBeTruthy();
      }
    }

    expect(tableRows(page, 'Applications reaching each stage')).toEqual([
      ['Applied', '4', '100%'],
      ['Got a response', '2', '50%'],
      ['Interview', '1', '25%'],
      ['Offer', '1', '25%'],
    ]);
    expect(tableRows(page, 'Applications and responses by location')).toEqual([
      ['Berlin, Germany', '2', '1', '50%'],
      ['Remote', '1', '1', '100%'],
      ['No location given', '1', '0', '0%'],
    ]);
    expect(tableRows(page, 'First responses by days after applying').map(([range, count]) => [range, count])).toEqual([
      ['< 1 day', '1'],
      ['1–3 days', '0'],
      ['3–7 days', '1'],
      ['7–14 days', '0'],
      ['14–30 days', '0'],
      ['30+ days', '0'],
    ]);
    const weeks = tableRows(page, 'Applications per week, oldest first');
    expect(weeks).toHaveLength(12);
    expect(weeks.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(4);
    const tiles = Object.fromEntries(
      [...page.querySelectorAll('.insights-tile')].map((tile) => [tile.querySelector('dt')?.textContent, tile.querySelector('.insights-tile-value')?.textContent]),
    );
    expect(tiles).toMatchObject({ Applications: '4', 'Response rate': '50%', Interviews: '1' });
  });

  it('recomputes when the jobs change', () => {
    const first = [makeJob({ appliedAt: daysAgo(1) })];
    const page = render(first);
    expect(page.textContent).toContain('Of 1 application');
    act(() => root!.render(createElement(InsightsPage, { jobs: [...first, makeJob({ appliedAt: daysAgo(2) })] })));
    expect(page.textContent).toContain('Of 2 applications');
  });
});
