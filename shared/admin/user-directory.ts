import { z } from 'zod';
import { ROLES, type AdminPermission, type Role } from './permissions';

/**
 * The admin console's view of every account, kept in memory and in order so
 * that a search or a page over 100,000 users never reads the user database:
 * two sorted arrays (by email, by creation, newest first) updated by binary
 * insertion, and a cursor that resumes right after the last row shown.
 */

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  permissions: AdminPermission[];
  emailVerified: boolean;
  disabled: boolean;
  createdAt: string;
  lastActiveAt: string | null;
  lastSyncAt: string | null;
}

export const USER_SORTS = ['email', 'created'] as const;
export type UserSort = (typeof USER_SORTS)[number];

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

/** GET /api/users query string. */
export const userQuerySchema = z.strictObject({
  q: z.string().trim().max(254).optional(),
  role: z.enum(ROLES).optional(),
  verified: booleanParam.optional(),
  disabled: booleanParam.optional(),
  /** Active (any authenticated request) within the last N days. */
  activeWithinDays: z.coerce.number().int().min(1).max(3650).optional(),
  /** Not active for N days or more (never active included). */
  inactiveForDays: z.coerce.number().int().min(1).max(3650).optional(),
  sort: z.enum(USER_SORTS).default('created'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(600).optional(),
});
export type UserQuery = z.output<typeof userQuerySchema>;

export interface UserPage {
  users: UserSummary[];
  /** Matching accounts in all, across pages. */
  total: number;
  nextCursor: string | null;
}

export interface UserStats {
  total: number;
  byRole: Record<Role, number>;
  verified: number;
  unverified: number;
  disabled: number;
  activeLastDay: number;
  activeLast7Days: number;
  activeLast30Days: number;
  newLast7Days: number;
  newLast30Days: number;
}

/** A stored row: the summary and, lower-cased once when stored, what a text search looks in. */
interface Row {
  user: UserSummary;
  text: string;
}

const toRow = (user: UserSummary): Row => ({ user, text: `${user.email}\n${user.name.toLowerCase()}` });

type Compare = (a: UserSummary, b: UserSummary) => number;
const byEmail: Compare = (a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byCreatedDesc: Compare = (a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const COMPARE: Record<UserSort, Compare> = { email: byEmail, created: byCreatedDesc };

/** First index whose element sorts after `probe` (or equal, when `inclusive`). */
function lowerBound(list: readonly Row[], probe: UserSummary, compare: Compare, inclusive = true): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compare((list[middle] as Row).user, probe);
    if (order < 0 || (!inclusive && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function encodeCursor(sort: UserSort, row: UserSummary): string {
  // Opaque to clients; plain JSON so the module runs in the console's browser too (no Buffer).
  return JSON.stringify({ s: sort, e: row.email, c: row.createdAt, i: row.id });
}

function decodeCursor(sort: UserSort, cursor: string): UserSummary | null {
  try {
    const parsed = z.strictObject({ s: z.enum(USER_SORTS), e: z.string(), c: z.string(), i: z.string() }).parse(JSON.parse(cursor));
    if (parsed.s !== sort) return null;
    return { id: parsed.i, email: parsed.e, createdAt: parsed.c, name: '', role: 'user', permissions: [], emailVerified: false, disabled: false, lastActiveAt: null, lastSyncAt: null };
  } catch {
    return null;
  }
}

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor does not belong to this listing: start from the first page');
    this.name = 'InvalidCursorError';
  }
}

function matcher(query: Omit<UserQuery, 'sort' | 'limit' | 'cursor'>, nowMs: number): (row: Row) => boolean {
  const needle = query.q?.toLowerCase();
  const activeSince = query.activeWithinDays === undefined ? undefined : new Date(nowMs - query.activeWithinDays * DAY_MS).toISOString();
  const inactiveSince = query.inactiveForDays === undefined ? undefined : new Date(nowMs - query.inactiveForDays * DAY_MS).toISOString();
  return ({ user, text }) => {
    if (query.role !== undefined && user.role !== query.role) return false;
    if (query.verified !== undefined && user.emailVerified !== query.verified) return false;
    if (query.disabled !== undefined && user.disabled !== query.disabled) return false;
    if (activeSince !== undefined && !(user.lastActiveAt !== null && user.lastActiveAt >= activeSince)) return false;
    if (inactiveSince !== undefined && user.lastActiveAt !== null && user.lastActiveAt >= inactiveSince) return false;
    if (needle && !text.includes(needle)) return false;
    return true;
  };
}

export class UserDirectory {
  private readonly byId = new Map<string, Row>();
  private readonly sorted: Record<UserSort, Row[]> = { email: [], created: [] };

  get size(): number {
    return this.byId.size;
  }

  /** Loads many at once (start-up): one sort instead of a binary insertion each. */
  load(users: readonly UserSummary[]): void {
    for (const user of users) this.byId.set(user.id, toRow(user));
    for (const sort of USER_SORTS) this.sorted[sort] = [...this.byId.values()].sort((a, b) => COMPARE[sort](a.user, b.user));
  }

  get(id: string): UserSummary | undefined {
    return this.byId.get(id)?.user;
  }

  upsert(user: UserSummary): void {
    this.remove(user.id);
    const row = toRow(user);
    this.byId.set(user.id, row);
    for (const sort of USER_SORTS) {
      const list = this.sorted[sort];
      list.splice(lowerBound(list, user, COMPARE[sort]), 0, row);
    }
  }

  remove(id: string): void {
    const existing = this.byId.get(id);
    if (!existing) return;
    this.byId.delete(id);
    for (const sort of USER_SORTS) {
      const list = this.sorted[sort];
      const at = lowerBound(list, existing.user, COMPARE[sort]);
      if (list[at]?.user.id === id) list.splice(at, 1);
    }
  }

  /** Throws InvalidCursorError for a cursor of another sort or a mangled one. */
  search(query: UserQuery, nowMs = Date.now()): UserPage {
    const list = this.sorted[query.sort];
    const compare = COMPARE[query.sort];
    let start = 0;
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.sort, query.cursor);
      if (!after) throw new InvalidCursorError();
      // Resumes after the row, even if that account was deleted or changed meanwhile.
      start = lowerBound(list, after, compare, false);
    }
    const matches = matcher(query, nowMs);
    const users: UserSummary[] = [];
    let total = 0;
    let nextCursor: string | null = null;
    for (let index = 0; index < list.length; index += 1) {
      const row = list[index] as Row;
      if (!matches(row)) continue;
      total += 1;
      if (index < start) continue;
      if (users.length < query.limit) users.push(row.user);
      else if (nextCursor === null) nextCursor = encodeCursor(query.sort, users.at(-1) as UserSummary);
    }
    return { users, total, nextCursor };
  }

  /** Accounts whose role is not `user`: a few, found without reading the user database. */
  privilegedIds(): string[] {
    const ids: string[] = [];
    for (const { user } of this.byId.values()) if (user.role !== 'user') ids.push(user.id);
    return ids;
  }

  stats(nowMs = Date.now()): UserStats {
    const since = (days: number) => new Date(nowMs - days * DAY_MS).toISOString();
    const [day, week, month] = [since(1), since(7), since(30)];
    const stats: UserStats = { total: 0, byRole: { user: 0, admin: 0, owner: 0 }, verified: 0, unverified: 0, disabled: 0, activeLastDay: 0, activeLast7Days: 0, activeLast30Days: 0, newLast7Days: 0, newLast30Days: 0 };
    for (const { user } of this.byId.values()) {
      stats.total += 1;
      stats.byRole[user.role] += 1;
      if (user.emailVerified) stats.verified += 1;
      else stats.unverified += 1;
      if (user.disabled) stats.disabled += 1;
      const active = user.lastActiveAt ?? '';
      if (active >= day) stats.activeLastDay += 1;
      if (active >= week) stats.activeLast7Days += 1;
      if (active >= month) stats.activeLast30Days += 1;
      if (user.createdAt >= week) stats.newLast7Days += 1;
      if (user.createdAt >= month) stats.newLast30Days += 1;
    }
    return stats;
  }
}
