// @vitest-environment happy-dom
import { act, createElement, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChartCard } from './ChartCard';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const table = { caption: 'Jobs by site', columns: ['Site', 'Jobs'], rows: [['LinkedIn', 3]] } as const;

function Broken(): never {
  throw new Error('chart exploded');
}

function render(children: ReactNode, empty?: string) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(createElement(ChartCard, { id: 'c', title: 'By site', summary: 'LinkedIn: 3 jobs.', table, empty, children })));
  return { container, unmount: () => act(() => root.unmount()) };
}

describe('ChartCard', () => {
  it('names and describes its figure, hides the chart and keeps its numbers in a hidden table', () => {
    const { container, unmount } = render(createElement('svg', { 'data-chart': 'yes' }));
    const figure = container.querySelector('figure')!;
    expect(container.querySelector(`#${figure.getAttribute('aria-labelledby')}`)?.textContent).toBe('By site');
    expect(container.querySelector(`#${figure.getAttribute('aria-describedby')}`)?.textContent).toBe('LinkedIn: 3 jobs.');
    expect(container.querySelector('[data-chart]')?.closest('[aria-hidden="true"]')).not.toBeNull();
    const table = container.querySelector('table')!;
    expect(table.closest('.insights-sr-only')).not.toBeNull();
    expect([...table.querySelectorAll('tbody th, tbody td')].map((cell) => cell.textContent)).toEqual(['LinkedIn', '3']);
    unmount();
  });

  it('shows the numbers, visibly, when the chart fails to draw', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { container, unmount } = render(createElement(Broken));
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('could not be drawn');
    const table = container.querySelector('table')!;
    expect(table.closest('.insights-sr-only')).toBeNull();
    expect(table.textContent).toContain('LinkedIn');
    expect(container.querySelector('h3')?.textContent).toBe('By site');
    expect(logged).toHaveBeenCalled();
    unmount();
  });

  it('says why there is no chart instead of drawing an empty one', () => {
    const { container, unmount } = render(createElement('svg'), 'Nothing to chart yet.');
    expect(container.textContent).toContain('Nothing to chart yet.');
    expect(container.querySelector('svg')).toBeNull();
    unmount();
  });
});
