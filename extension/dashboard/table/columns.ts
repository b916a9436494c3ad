import type { SortKey } from '../../../shared/jobs/query';

/** The table's sortable columns, in order. `width` keeps columns steady while rows scroll in and out (fixed table layout). */
export const COLUMNS: readonly { key: SortKey; label: string; width: string }[] = [
  { key: 'title', label: 'Role', width: '20%' },
  { key: 'company', label: 'Company', width: '14%' },
  { key: 'location', label: 'Location', width: '14%' },
  { key: 'platform', label: 'Site', width: '8%' },
  { key: 'status', label: 'Status', width: '9%' },
  { key: 'matchScore', label: 'Match', width: '6%' },
  { key: 'tags', label: 'Tags', width: '10%' },
  { key: 'appliedAt', label: 'Applied', width: '9%' },
  { key: 'updatedAt', label: 'Updated', width: '9%' },
];

/** Every row has the same height: the virtualiser places rows without measuring them. */
export const ROW_HEIGHT = 40;
