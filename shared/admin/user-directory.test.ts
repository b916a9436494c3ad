import { describe, expect, it } from 'vitest';
import { InvalidCursorError, UserDirectory, userQuerySchema, type UserSummary } from './user-directory';

const NOW = Date.UTC(2026, 5, 1);
const day = 86_400_000;

function summary(index: number, overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: `id${String(index).padStart(3, '0')}`,
    email: `person${String(index).padStart(3, '0')}@example.com`,
    name: `Person ${index}`,
    role: 'user',
    permissions: [],
    emailVerified: true,
    disabled: false,
    createdAt: new Date(NOW - index * day).toISOString(),
    lastActiveAt: null,
    lastSyncAt: null,
    ...overrides,
  };
}

const query = (input: Record<string, string>) => userQuerySchema.parse(input);

function allPages(directory: UserDirectory, input: Record<string, string>): string[] {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = directory.search(query({ ...input, ...(cursor ? { cursor } : {}) }), NOW);
    ids.push(...page.users.map((user) => user.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('UserDirectory', () => {
  it('pages in order by creation (newest first) and by email, with totals', () => {
    const directory = new UserDirectory();
    directory.load([3, 1, 4, 0, 2].map((index) => summary(index)));
    expect(allPages(directory, { limit: '2' })).toEqual(['id000', 'id001', 'id002', 'id003', 'id004']);
    expect(directory.search(query({ limit: '2' }), NOW)).toMatchObject({ total: 5 });
    directory.upsert(summary(9, { email: 'aaa@example.com' }));
    expect(allPages(directory, { sort: 'email', limit: '4' })[0]).toBe('id009');
  });

  it('resumes after the last row shown even when it was deleted or a row was added before it', () => {
    const directory = new UserDirectory();
    directory.load([0, 1, 2, 3].map((index) => summary(index)));
    const first = directory.search(query({ limit: '2' }), NOW);
    directory.remove('id001');
    directory.upsert(summary(-1));
    const next = directory.search(query({ limit: '2', cursor: first.nextCursor! }), NOW);
    expect(next.users.map((user) => user.id)).toEqual(['id002', 'id003']);
  });

  it('filters by text, role, verification, disabled and activity', () => {
    const directory = new UserDirectory();
    directory.load([
      summary(0, { name: 'Grace Hopper', lastActiveAt: new Date(NOW - day / 2).toISOString() }),
      summary(1, { role: 'admin', emailVerified: false }),
      summary(2, { disabled: true, lastActiveAt: new Date(NOW - 40 * day).toISOString() }),
    ]);
    const ids = (input: Record<string, string>) => directory.search(query(input), NOW).users.map((user) => user.id);
    expect(ids({ q: 'hopper' })).toEqual(['id000']);
    expect(ids({ q: 'PERSON002' })).toEqual(['id002']);
    expect(ids({ role: 'admin' })).toEqual(['id001']);
    expect(ids({ verified: 'false' })).toEqual(['id001']);
    expect(ids({ disabled: 'true' })).toEqual(['id002']);
    expect(ids({ activeWithinDays: '1' })).toEqual(['id000']);
    expect(ids({ inactiveForDays: '30' })).toEqual(['id001', 'id002']);
    expect(directory.privilegedIds()).toEqual(['id001']);
    directory.upsert(summary(1, { name: 'Renamed Person' }));
    expect(ids({ q: 'renamed' })).toEqual(['id001']);
    expect(directory.privilegedIds()).toEqual([]);
    directory.upsert(summary(1, { role: 'admin', emailVerified: false }));
    expect(directory.stats(NOW)).toMatchObject({ total: 3, byRole: { user: 2, admin: 1, owner: 0 }, unverified: 1, disabled: 1, activeLastDay: 1, activeLast30Days: 1 });
  });

  it('refuses a cursor of another sort or a mangled one', () => {
    const directory = new UserDirectory();
    directory.load([0, 1, 2].map((index) => summary(index)));
    const byEmail = directory.search(query({ sort: 'email', limit: '1' }), NOW).nextCursor!;
    expect(() => directory.search(query({ cursor: byEmail }), NOW)).toThrow(InvalidCursorError);
    expect(() => directory.search(query({ cursor: '{' }), NOW)).toThrow(InvalidCursorError);
  });
});
