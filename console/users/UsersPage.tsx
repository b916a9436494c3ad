import { useState, type FormEvent } from 'react';
import type { UserPage as UserListPage, UserSummary } from '../../shared/admin/user-directory';
import { queryString } from '../api';
import { routeHash } from '../route';
import { useSession } from '../session';
import { ErrorMessage, formatDateTime, PageHeading, useLoad } from '../ui';
import { ACTIVITY_CHOICES, filtersFromForm, NO_FILTERS, PAGE_SIZE, userListParams, type UserFilters } from './filters';

/** Every account, searched, filtered and paged on the server (GET /api/users). */
export function UsersPage() {
  const { call } = useSession();
  const [filters, setFilters] = useState<UserFilters>(NO_FILTERS);
  // The cursors of the pages before this one, to go back; the server pages forward only.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = queryString(userListParams(filters, cursor));
  const [loaded] = useLoad(() => call<UserListPage>('GET', `/api/users${query}`), query);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters(filtersFromForm(new FormData(event.currentTarget)));
    setCursors([null]);
  }

  const page = loaded.state === 'ready' ? loaded.value : null;
  const first = (cursors.length - 1) * PAGE_SIZE;
  return (
    <section className="console-page">
      <PageHeading>Users</PageHeading>
      <form className="console-filters" onSubmit={apply} role="search" aria-label="Find users">
        <div className="field console-filter-wide">
          <label htmlFor="users-q">Email or name</label>
          <input id="users-q" name="q" type="search" defaultValue={filters.q} maxLength={254} />
        </div>
        <Select id="users-role" name="role" label="Role" value={filters.role} options={[['', 'Any'], ['user', 'User'], ['admin', 'Admin'], ['owner', 'Owner']]} />
        <Select id="users-verified" name="verified" label="Email verified" value={filters.verified} options={[['', 'Any'], ['true', 'Verified'], ['false', 'Not verified']]} />
        <Select id="users-disabled" name="disabled" label="Disabled" value={filters.disabled} options={[['', 'Any'], ['false', 'Enabled'], ['true', 'Disabled']]} />
        <Select id="users-activity" name="activity" label="Last active" value={filters.activity} options={Object.entries(ACTIVITY_CHOICES).map(([key, choice]) => [key, choice.label])} />
        <Select id="users-sort" name="sort" label="Order" value={filters.sort} options={[['created', 'Newest first'], ['email', 'By email']]} />
        <button type="submit" className="primary">
          Search
        </button>
      </form>

      {loaded.state === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.state === 'loading' && <p role="status">Loading users…</p>}
      {page && (
        <>
          <p role="status" className="muted">
            {page.total === 0 ? 'No account matches.' : `${first + 1}–${first + page.users.length} of ${page.total} accounts`}
          </p>
          {page.users.length > 0 && <UsersTable users={page.users} />}
          <nav className="row console-pager" aria-label="Pages of users">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
              Previous page
            </button>
            <button type="button" disabled={!page.nextCursor} onClick={() => page.nextCursor && setCursors((list) => [...list, page.nextCursor])}>
              Next page
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value: string; options: readonly (readonly [string, string])[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function UsersTable({ users }: { users: readonly UserSummary[] }) {
  return (
    <table className="jobs console-table">
      <caption className="visually-hidden">Accounts</caption>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">State</th>
          <th scope="col">Last active</th>
          <th scope="col">Joined</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <th scope="row">
              <a className="job-title" href={routeHash({ page: 'user', id: user.id })}>
                {user.email}
              </a>
            </th>
            <td>{user.name}</td>
            <td>{user.role}</td>
            <td>{[user.emailVerified ? 'verified' : 'not verified', ...(user.disabled ? ['disabled'] : [])].join(', ')}</td>
            <td>{formatDateTime(user.lastActiveAt)}</td>
            <td>{formatDateTime(user.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
