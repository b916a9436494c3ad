import { newUserRecord } from './new-user';
import type { UserRecord } from './types';

/** A complete, verified password account for tests, with any field overridden. */
export function testUserRecord(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    ...newUserRecord({ id: 'u1', email: 'ada@example.com', name: 'Ada', passwordHash: 'old-hash', emailVerified: true, createdAt: '2026-11-01T00:00:00.000Z' }),
    ...overrides,
  };
}
