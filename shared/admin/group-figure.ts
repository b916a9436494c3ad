import type { GroupFigure } from './console-api';

/**
 * How the console writes a figure over a group of people: the number, or,
 * when the server left it out because the group is small, why it is missing.
 */

export function hiddenLabel(minGroup: number): string {
  return `hidden (fewer than ${minGroup} people)`;
}

export function formatGroupFigure(value: GroupFigure, minGroup: number, format: (value: number) => string = String): string {
  return value === null ? hiddenLabel(minGroup) : format(value);
}

/** A share (0..1) as a whole percent. */
export function formatShare(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** Rows a chart can draw: hidden figures have no bar (the table beside it says why). */
export function drawable<T, K extends keyof T>(rows: readonly T[], key: K): (T & Record<K, number>)[] {
  return rows.filter((row): row is T & Record<K, number> => typeof row[key] === 'number');
}
