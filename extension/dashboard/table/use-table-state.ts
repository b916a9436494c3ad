import { useEffect, useState } from 'react';
import { JOB_STATUSES, PLATFORMS } from '../../../shared/schema';
import { DEFAULT_SORT, EMPTY_QUERY, SORT_KEYS, type JobQuery, type JobSort } from '../../../shared/jobs/query';

export interface TableState {
  query: JobQuery;
  sort: JobSort;
}

const KEY = 'trackruit.table';
const INITIAL: TableState = { query: EMPTY_QUERY, sort: DEFAULT_SORT };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What this tab last had, read defensively: a stale or edited entry falls back field by field. */
function restore(): TableState {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { query?: Record<string, unknown>; sort?: Record<string, unknown> } | null;
    if (!saved) return INITIAL;
    const query = saved.query ?? {};
    const sortKey = SORT_KEYS.find((key) => key === saved.sort?.key);
    return {
      query: {
        text: text(query.text),
        statuses: strings(query.statuses).filter((status) => (JOB_STATUSES as readonly string[]).includes(status)) as JobQuery['statuses'],
        platforms: strings(query.platforms).filter((platform) => (PLATFORMS as readonly string[]).includes(platform)) as JobQuery['platforms'],
        tags: strings(query.tags),
        location: text(query.location),
        appliedFrom: text(query.appliedFrom),
        appliedTo: text(query.appliedTo),
      },
      sort: sortKey ? { key: sortKey, direction: saved.sort?.direction === 'asc' ? 'asc' : 'desc' } : DEFAULT_SORT,
    };
  } catch {
    return INITIAL;
  }
}

/**
 * Filters, search and sort, kept for the tab's session: opening a job and
 * coming back finds the table as it was left.
 */
export function useTableState(): [TableState, (update: (state: TableState) => TableState) => void] {
  const [state, setState] = useState<TableState>(restore);
  useEffect(() => {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      // Storage full or disabled: the table still works, it only forgets.
    }
  }, [state]);
  return [state, setState];
}
