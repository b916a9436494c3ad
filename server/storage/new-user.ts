import { randomUUID } from 'node:crypto';
import type { UserRecord } from './types';

/** A new account's record: what every way of signing up (password, OpenID Connect) starts from. */
export function newUserRecord(fields: Pick<UserRecord, 'email' | 'name' | 'passwordHash' | 'emailVerified'> & Partial<Pick<UserRecord, 'id' | 'createdAt' | 'oidc'>>): UserRecord {
  return {
    id: fields.id ?? randomUUID(),
    email: fields.email,
    name: fields.name,
    passwordHash: fields.passwordHash,
    createdAt: fields.createdAt ?? new Date().toISOString(),
    role: 'user',
    permissions: [],
    emailVerified: fields.emailVerified,
    avatarUrl: null,
    preferences: {},
    passwordChangedAt: null,
    sessionsRevokedAt: null,
    knownDevices: [],
    ...(fields.oidc ? { oidc: fields.oidc } : {}),
  };
}
