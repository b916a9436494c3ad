import type { Role } from '../../shared/admin/permissions';
import type { UserSort } from '../../shared/admin/user-directory';

/**
 * The users page's filter form and the GET /api/users query it asks
 * (shared/admin/user-directory.ts userQuerySchema reads it on the server).
 */

export const ACTIVITY_CHOICES: Record<'any' | 'active-1' | 'active-7' | 'active-30' | 'inactive-30' | 'inactive-90', { label: string; activeWithinDays?: number; inactiveForDays?: number }> = {
  any: { label: 'Any time' },
  'active-1': { label: 'Active in the last day', activeWithinDays: 1 },
  'active-7': { label: 'Active in the last 7 days', activeWithinDays: 7 },
  'active-30': { label: 'Active in the last 30 days', activeWithinDays: 30 },
  'inactive-30': { label: 'Not active for 30 days', inactiveForDays: 30 },
  'inactive-90': { label: 'Not active for 90 days', inactiveForDays: 90 },
};
export type ActivityChoice = keyof typeof ACTIVITY_CHOICES;

export interface UserFilters {
  q: string;
  role: Role | '';
  verified: '' | 'true' | 'false';
  disabled: '' | 'true' | 'false';
  activity: ActivityChoice;
  sort: UserSort;
}

export const NO_FILTERS: UserFilters = { q: '', role: '', verified: '', disabled: '', activity: 'any', sort: 'created' };

export const PAGE_SIZE = 25;

export function userListParams(filters: UserFilters, cursor: string | null): Record<string, string | number | undefined> {
  const activity = ACTIVITY_CHOICES[filters.activity];
  return {
    q: filters.q.trim() || undefined,
    role: filters.role || undefined,
    verified: filters.verified || undefined,
    disabled: filters.disabled || undefined,
    activeWithinDays: activity.activeWithinDays,
    inactiveForDays: activity.inactiveForDays,
    sort: filters.sort,
    limit: PAGE_SIZE,
    cursor: cursor ?? undefined,
  };
}

/** Reads the form's values, keeping only the ones the form offers. */
export function filtersFromForm(form: FormData): UserFilters {
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = String(form.get(name) ?? '');
    return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  };
  return {
    q: String(form.get('q') ?? '').slice(0, 254),
    role: pick('role', ['', 'user', 'admin', 'owner'], ''),
    verified: pick('verified', ['', 'true', 'false'], ''),
    disabled: pick('disabled', ['', 'true', 'false'], ''),
    activity: pick('activity', Object.keys(ACTIVITY_CHOICES) as ActivityChoice[], 'any'),
    sort: pick('sort', ['created', 'email'], 'created'),
  };
}
