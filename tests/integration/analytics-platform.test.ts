import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityFigures, PlatformAnalyticsReport, PlatformCountRow } from '../../shared/admin/console-api';
import { JOB_DOC_VERSION, type Platform } from '../../shared/schema/job';
import { createVerifiedAccount, type VerifiedSession } from '../helpers/accounts';
import { enrolSecondFactor, signInAsAdmin } from '../helpers/admin-session';
import { createSignedClient } from '../helpers/signed-client';
import { eventually } from '../helpers/eventually';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Platform analytics against the real server, with the default minimum group
 * of 10: users sync their jobs, the admin report follows; a group of nine
 * people never shows, neither directly nor as a total minus the shown groups;
 * it shows once a tenth person joins, and hides again when one opts out.
 * The routes refuse without analytics:read, and the pooled figures a job
 * seeker asks for validate their query.
 */

const PASSWORD = 'Vivid-Lantern-8271';
let server: TestServer;
let owner: { adminToken: string };
let people = 0;

async function api(route: string, token: string | null): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${server.url}${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

async function report(): Promise<PlatformAnalyticsReport> {
  const answer = await api('/api/admin/analytics', owner.adminToken);
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as PlatformAnalyticsReport;
}

/** A person who tracks `count` applications on `site` in `place`, each answered (an interview) after `days` days. */
async function person(site: Platform, place: string, count: number, days: number, company: string): Promise<VerifiedSession> {
  people += 1;
  const session = await createVerifiedAccount(server, { name: `Person ${people}`, email: `person${people}@example.com`, password: PASSWORD });
  const docs = Array.from({ length: count }, (_, index) => {
    const id = 4_200_000_000 + people * 100 + index;
    const appliedAt = `2026-10-${String(index + 1).padStart(2, '0')}T09:00:00.000Z`;
    const answeredAt = new Date(Date.parse(appliedAt) + days * 86_400_000).toISOString();
    return {
      _id: `${site}:${id}`,
      schemaVersion: JOB_DOC_VERSION,
      title: 'Backend Engineer',
      company,
      platform: site,
      url: `https://example.com/jobs/${id}`,
      appliedAt,
      status: 'interview',
      statusHistory: [{ status: 'applied', at: appliedAt }, { status: 'interview', at: answeredAt }],
      source: 'auto_detect',
      location: place,
      isActive: true,
      createdAt: appliedAt,
      updatedAt: answeredAt,
    };
  });
  const pushed = await fetch(`${session.syncUrl}_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ docs }),
  });
  expect(pushed.status, await pushed.text()).toBe(201);
  return session;
}

const row = <T extends { key: string }>(rows: T[], key: string): T | undefined => rows.find((candidate) => candidate.key === key);
const untilContributors = (count: number) => eventually(report, (value) => value.contributors === count);
/** A new account's empty database counts before its jobs arrive: wait for the applications themselves. */
const untilOctober = (applications: number) => eventually(report, (value) => row(value.applicationsByMonth, '2026-10')?.applications === applications);

let naukri: VerifiedSession[] = [];
const SMALL_APPLICATIONS = 9 * 3;

beforeAll(async () => {
  server = await startTestServer({ adminBootstrap: { email: 'root@example.com', password: PASSWORD } });
  owner = await signInAsAdmin(server.url, 'root@example.com', PASSWORD);
  for (let index = 0; index < 12; index += 1) await person('linkedin', 'Berlin, Germany', 2, 2 + (index % 3), 'Acme Robotics');
  for (let index = 0; index < 11; index += 1) await person('indeed', 'Paris, France', 2, 5, 'Acme Robotics');
  naukri = [];
  for (let index = 0; index < 9; index += 1) naukri.push(await person('naukri', 'Pune, India', 3, 1, 'Tiny Startup'));
}, 120_000);
afterAll(() => server.stop());

describe('GET /api/admin/analytics', () => {
  it('hides a group of nine people directly and against every total', async () => {
    const current = await untilOctober(24 + 22 + SMALL_APPLICATIONS);
    expect(current.contributors).toBe(32);
    expect(current.minGroup).toBe(10);
    expect(row(current.bySite, 'naukri')).toEqual({ key: 'naukri', applications: null, users: null, responseRate: null, interviewRate: null, offerRate: null, medianResponseDays: null });
    expect(row(current.bySite, 'linkedin')).toEqual({ key: 'linkedin', applications: 24, users: 12, responseRate: 1, interviewRate: 1, offerRate: 0, medianResponseDays: 3 });
    expect(JSON.stringify(current.byLocation)).not.toContain('Pune');
    expect(current.byCompany).toEqual([{ company: 'Acme Robotics', medianResponseDays: 4, users: 23 }]);

    // Every application was made in October, a month of 32 people: that row gives the total of every table.
    const total = row(current.applicationsByMonth, '2026-10')!.applications!;
    expect(total).toBe(24 + 22 + SMALL_APPLICATIONS);
    const tables: PlatformCountRow[][] = [current.bySite, current.byLocation, current.byStatus, current.applicationsByMonth];
    for (const table of tables) {
      const shown = table.reduce((sum, entry) => sum + (entry.applications ?? 0), 0);
      expect(total - shown).not.toBe(SMALL_APPLICATIONS);
    }
  });

  it('shows the group once a tenth person joins, and hides it again when one of them opts out', async () => {
    const tenth = await person('naukri', 'Pune, India', 3, 1, 'Tiny Startup');
    const grown = await untilOctober(24 + 22 + SMALL_APPLICATIONS + 3);
    expect(grown.contributors).toBe(33);
    expect(row(grown.bySite, 'naukri')).toMatchObject({ applications: 30, users: 10, medianResponseDays: 1 });
    expect(row(grown.byLocation, 'Pune, India')).toEqual({ key: 'Pune, India', applications: 30, users: 10 });

    const optOut = await fetch(`${server.url}/api/auth/profile`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenth.accessToken}` },
      body: JSON.stringify({ preferences: { analyticsOptOut: true } }),
    });
    expect(optOut.status, await optOut.text()).toBe(200);
    const shrunk = await untilContributors(32);
    expect(row(shrunk.bySite, 'naukri')).toMatchObject({ applications: null, users: null });
  });

  it('exports the same report as CSV, hidden figures empty', async () => {
    const answer = await api('/api/admin/analytics.csv', owner.adminToken);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/csv/);
    const rows = Papa.parse<string[]>(answer.text.trim()).data;
    expect(rows[0]).toEqual(['section', 'key', 'metric', 'value']);
    expect(rows).toContainEqual(['bySite', 'linkedin', 'applications', '24']);
    expect(rows).toContainEqual(['bySite', 'naukri', 'applications', '']);
    expect(rows).toContainEqual(['summary', '', 'contributors', '32']);
  });

  it('is refused without analytics:read, without the second factor, and without a token', async () => {
    const plain = await createVerifiedAccount(server, { name: 'Plain', email: 'plain@example.com', password: PASSWORD });
    for (const route of ['/api/admin/analytics', '/api/admin/analytics.csv']) {
      expect((await api(route, null)).status).toBe(401);
      const refused = await api(route, plain.accessToken);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'missing_permission' } });
    }

    const admin = await createVerifiedAccount(server, { name: 'Auditor', email: 'auditor@example.com', password: PASSWORD });
    const granted = await fetch(`${server.url}/api/users/${admin.user.id}/role`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.adminToken}` },
      body: JSON.stringify({ role: 'admin', permissions: ['audit:read'] }),
    });
    expect(granted.status).toBe(200);
    const { adminToken } = await enrolSecondFactor(server.url, admin.accessToken, PASSWORD);
    expect(JSON.parse((await api('/api/admin/analytics', adminToken)).text)).toMatchObject({ error: { code: 'missing_permission' } });

    const regranted = await fetch(`${server.url}/api/users/${admin.user.id}/role`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.adminToken}` },
      body: JSON.stringify({ role: 'admin', permissions: ['analytics:read'] }),
    });
    expect(regranted.status).toBe(200);
    // The token from the password sign-in alone is not enough.
    const withoutCode = await api('/api/admin/analytics', admin.accessToken);
    expect(withoutCode.status).toBe(403);
    expect(JSON.parse(withoutCode.text)).toMatchObject({ error: { code: 'second_factor_required' } });
    expect((await api('/api/admin/analytics', adminToken)).status).toBe(200);
  });
});

describe('GET /api/analytics/community', () => {
  it('gives a signed-in person the figures of large enough groups only', async () => {
    const asker = naukri[0]!;
    const answer = await api('/api/analytics/community?companies=acme%20robotics,Tiny%20Startup,Nobody&sites=linkedin,naukri,indeed', asker.accessToken);
    expect(answer.status, answer.text).toBe(200);
    const figures = JSON.parse(answer.text) as CommunityFigures;
    expect(figures.minGroup).toBe(10);
    expect(figures.companies).toEqual([{ company: 'Acme Robotics', medianResponseDays: 4, users: 23 }]);
    // Indeed (11 people) is hidden in the report beside the nine on Naukri, so it is not given here either.
    expect(figures.sites).toEqual([{ site: 'linkedin', responseRate: 1, users: 12 }]);
    expect(JSON.stringify(figures)).not.toContain('naukri');
  });

  it('validates and limits its query, and needs a token', async () => {
    const token = naukri[0]!.accessToken;
    expect((await api('/api/analytics/community?sites=linkedin', null)).status).toBe(401);
    for (const query of [
      'sites=myspace',
      'companies=' + Array.from({ length: 51 }, (_, index) => `Company ${index}`).join(','),
      'companies=' + 'x'.repeat(201),
      'unknown=1',
      'sites=linkedin&sites=indeed',
    ]) {
      const answer = await api(`/api/analytics/community?${query}`, token);
      expect(answer.status, query).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect((await api('/api/analytics/community', token)).status).toBe(200);
  });
});

describe('a job captured through the extension routes', () => {
  it('reaches the report like a synced one', async () => {
    const before = await report();
    const client = await createSignedClient(server, 'capture');
    const appliedAt = '2026-09-15T09:00:00.000Z';
    const job = {
      id: 'linkedin:4299999999',
      schemaVersion: JOB_DOC_VERSION,
      title: 'Platform Engineer',
      company: 'Acme Robotics',
      platform: 'linkedin',
      url: 'https://www.linkedin.com/jobs/view/4299999999/',
      appliedAt,
      status: 'applied',
      statusHistory: [{ status: 'applied', at: appliedAt }],
      source: 'auto_detect',
      isActive: true,
      createdAt: appliedAt,
      updatedAt: appliedAt,
    };
    const added = await client.fetch('/api/extension/jobs/add', { method: 'POST', body: JSON.stringify({ job }), headers: { 'content-type': 'application/json' } });
    expect(added.status, await added.text()).toBe(201);
    const after = await eventually(report, (value) => row(value.applicationsByMonth, '2026-09') !== undefined);
    expect(after.contributors).toBe(before.contributors + 1);
    // One person in September: hidden, and October hidden beside it, since the months add up to the sites' total.
    expect(row(after.applicationsByMonth, '2026-09')).toEqual({ key: '2026-09', applications: null, users: null });
    expect(row(after.applicationsByMonth, '2026-10')).toEqual({ key: '2026-10', applications: null, users: null });
  });
});
