import { describe, expect, it } from 'vitest';
import { pagesFor } from './console-pages';

describe('pagesFor', () => {
  it('gives an owner every page', () => {
    expect(pagesFor({ role: 'owner', permissions: [] })).toEqual(['users', 'audit', 'analytics', 'rules', 'services']);
  });

  it('gives an admin the pages of the permissions held, and services', () => {
    expect(pagesFor({ role: 'admin', permissions: ['users:read', 'audit:read'] })).toEqual(['users', 'audit', 'services']);
    expect(pagesFor({ role: 'admin', permissions: ['users:manage', 'rules:manage'] })).toEqual(['rules', 'services']);
  });

  it('gives a plain user nothing, whatever permissions a record carries', () => {
    expect(pagesFor({ role: 'user', permissions: ['users:read'] })).toEqual([]);
  });
});
