import { describe, expect, it } from 'vitest';
import { userQuerySchema } from '../../shared/admin/user-directory';
import { queryString } from '../api';
import { filtersFromForm, NO_FILTERS, userListParams } from './filters';

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

describe('users page filters', () => {
  it('asks only for what is set, in a query the server accepts', () => {
    const filters = filtersFromForm(form({ q: '  ada ', role: 'admin', verified: 'true', disabled: '', activity: 'inactive-30', sort: 'email' }));
    const query = Object.fromEntries(new URLSearchParams(queryString(userListParams(filters, 'c1'))));
    expect(query).toEqual({ q: 'ada', role: 'admin', verified: 'true', inactiveForDays: '30', sort: 'email', limit: '25', cursor: 'c1' });
    expect(userQuerySchema.safeParse(query).success).toBe(true);
  });

  it('ignores values the form does not offer', () => {
    expect(filtersFromForm(form({ role: 'root', activity: 'forever', sort: 'name' }))).toEqual(NO_FILTERS);
  });
});
