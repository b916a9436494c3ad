import { useSyncExternalStore, type CSSProperties } from 'react';
import type { JobStatus } from '../../../shared/schema';

/**
 * Colours are CSS variables (insights.css), so the charts follow the light or dark theme with no
 * JavaScript; SVG fills accept var() like any CSS value.
 */
export const COLOURS = {
  primary: 'var(--insights-primary)',
  answered: 'var(--insights-answered)',
  grid: 'var(--border)',
  axis: 'var(--muted)',
  funnel: ['var(--insights-funnel-1)', 'var(--insights-funnel-2)', 'var(--insights-funnel-3)', 'var(--insights-funnel-4)'],
} as const;

export function statusColour(status: JobStatus): string {
  return `var(--insights-status-${status})`;
}

export const TOOLTIP_STYLE: CSSProperties = {
  background: 'var(--bg)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  color: 'var(--text)',
};
export const TOOLTIP_CURSOR = { fill: 'var(--border)', fillOpacity: 0.35 };
export const AXIS_TICK = { fill: 'var(--muted)', fontSize: 12 };

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Charts draw without animation for people who asked their system for less motion. */
export function useAnimate(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => !(window.matchMedia?.(REDUCED_MOTION).matches ?? false),
    () => false,
  );
}
