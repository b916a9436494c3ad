import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarisedWeek } from '../../shared/insights/weekly-summary';
import { jobThrough, makeJob } from '../../shared/insights/test-jobs';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { ServerDatabase } from '../helpers/server-database';
import { startSmtpInbox, signUpThroughInbox, type SmtpInbox } from '../helpers/smtp-inbox';

/**
 * The weekly summary against the real server sending through a real SMTP
 * server: an opted-in user gets one mail with the week's numbers, an
 * opted-out one none, a restart on the same data directory sends nothing
 * again, and the mail's unsubscribe link works while a forged one is refused.
 * (Two instances at once: weekly-summary-claims.test.ts.)
 */

const PASSWORD = 'correct horse battery staple 42';
const PASS_MS = 150;
const SUBJECT = 'Your TrackRuit week';
let inbox: SmtpInbox;
let dataDir: string;
let counter = 0;

interface Running { url: string; stop(): Promise<void> }

async function start(): Promise<Running> {
  const loaded = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
  const config: ServerConfig = {
    ...loaded,
    smtpUrl: inbox.url,
    mailFrom: 'TrackRuit <no-reply@trackruit.test>',
    weeklySummary: { checkMs: PASS_MS, leaseMs: 60_000 },
  };
  const running = await startServer(config);
  return { url: running.url, stop: () => running.stop() };
}

beforeAll(async () => {
  inbox = await startSmtpInbox();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-weekly-'));
});

afterAll(async () => {
  await inbox?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const weeklyTo = (address: string) => inbox.now(address).filter((mail) => mail.subject === SUBJECT);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function weeklyMail(address: string, timeoutMs = 10_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  while (weeklyTo(address).length === 0) {
    if (Date.now() > deadline) throw new Error(`no weekly summary reached ${address}`);
    await sleep(50);
  }
  return weeklyTo(address)[0]!;
}

async function user(server: Running, label: string) {
  counter += 1;
  const email = `${label}-${counter}-${Date.now()}@example.com`;
  const session = await signUpThroughInbox(server.url, inbox, { name: label, email, password: PASSWORD });
  return { email, ...session };
}

async function setWeeklySummary(server: Running, accessToken: string, weeklySummary: boolean) {
  const res = await fetch(`${server.url}/api/auth/preferences`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ preferences: { weeklySummary } }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function preferencesOf(server: Running, accessToken: string) {
  const res = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return ((await res.json()) as { user: { preferences: Record<string, unknown> } }).user.preferences;
}

/** The link from the mail, sent to where the server listens (its public URL names localhost). */
function unsubscribeLink(mail: ParsedMail, server: Running): URL {
  const found = /(http:\/\/\S+\/api\/mail\/weekly-summary\/unsubscribe\?\S+)/.exec(mail.text ?? '')?.[1];
  expect(found).toBeTruthy();
  const link = new URL(found!);
  return new URL(`${link.pathname}${link.search}`, server.url);
}

describe('weekly summary mail', () => {
  let server: Running;
  let ada: Awaited<ReturnType<typeof user>>;
  let bob: Awaited<ReturnType<typeof user>>;
  let cy: Awaited<ReturnType<typeof user>>;

  beforeAll(async () => {
    server = await start();
    ada = await user(server, 'ada');
    bob = await user(server, 'bob');
    cy = await user(server, 'cy');
    // Ada's last week, dated from the real clock: the server summarises the week before the current one.
    const week = summarisedWeek(Date.now());
    const inWeek = (hours: number) => new Date(week.fromMs + hours * 3_600_000).toISOString();
    const db = await ServerDatabase.open(server.url, { email: ada.email, password: PASSWORD });
    await db.put(makeJob({ title: 'Applied only', appliedAt: inWeek(10) }));
    await db.put(jobThrough(inWeek(20), [['interview', inWeek(50)]], { title: 'Interviewed' }));
    await db.put(jobThrough(inWeek(-100), [['rejected', inWeek(30)]], { title: 'Old, answered' }));
    await db.put(makeJob({ title: 'Before the week', appliedAt: inWeek(-1) }));
    await db.put(makeJob({ title: 'Call back', company: 'Globex', appliedAt: inWeek(-200), followUpAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }));
    const bobDb = await ServerDatabase.open(server.url, { email: bob.email, password: PASSWORD });
    await bobDb.put(makeJob({ appliedAt: inWeek(10) }));
    // Only now, with the jobs in place: the scheduler runs every PASS_MS.
    await setWeeklySummary(server, bob.accessToken, false);
    await setWeeklySummary(server, ada.accessToken, true);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('sends the opted-in user one mail with the week\'s numbers and follow-ups, and nobody else any', async () => {
    const mail = await weeklyMail(ada.email);
    expect(mail.text).toContain('2 applications sent, 2 responses received, 1 interview.');
    expect(mail.text).toContain('1 follow-up is due in the coming week:');
    expect(mail.text).toContain('Call back at Globex');
    expect(mail.html).toContain('Stop these weekly mails');
    // Many more passes: still one.
    await sleep(PASS_MS * 8);
    expect(weeklyTo(ada.email)).toHaveLength(1);
    expect(weeklyTo(bob.email)).toHaveLength(0);
    expect(weeklyTo(cy.email)).toHaveLength(0);
  });

  it('does not send again after a restart on the same data', async () => {
    await weeklyMail(ada.email);
    await server.stop();
    server = await start();
    await sleep(PASS_MS * 8);
    expect(weeklyTo(ada.email)).toHaveLength(1);
  });

  it('refuses a forged or edited unsubscribe link and changes nothing', async () => {
    const link = unsubscribeLink(await weeklyMail(ada.email), server);
    const forged = new URL(link);
    forged.searchParams.set('u', bob.user.id);
    const edited = new URL(link);
    edited.searchParams.set('s', `${link.searchParams.get('s')!.slice(0, -2)}xx`);
    const unsigned = new URL(link);
    unsigned.searchParams.delete('s');
    for (const url of [forged, edited, unsigned]) {
      const res = await fetch(url);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This link is not valid');
    }
    expect((await preferencesOf(server, ada.accessToken)).weeklySummary).toBe(true);
    expect((await preferencesOf(server, bob.accessToken)).weeklySummary).toBe(false);
  });

  it('turns the mail off from the link without signing in, and says so', async () => {
    const link = unsubscribeLink(await weeklyMail(ada.email), server);
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Weekly summary turned off');
    expect((await preferencesOf(server, ada.accessToken)).weeklySummary).toBe(false);
    // Opening it again is harmless; a HEAD (a link scanner) changes nothing.
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(link, { method: 'HEAD' })).status).toBe(405);
  });

  it('offers mail clients a one-click unsubscribe (RFC 8058) that POSTs to the same link', async () => {
    const mail = await weeklyMail(ada.email);
    const header = mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ?? '';
    expect(mail.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const url = new URL(/<(http[^>]+)>/.exec(header)?.[1] ?? 'http://missing/');
    const link = unsubscribeLink(mail, server);
    expect(`${url.pathname}${url.search}`).toBe(`${link.pathname}${link.search}`);
    await setWeeklySummary(server, ada.accessToken, true);
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect((await preferencesOf(server, ada.accessToken)).weeklySummary).toBe(false);
  });
});

describe('PATCH /api/auth/preferences', () => {
  let server: Running;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const patch = (token: string, body: unknown) => fetch(`${server.url}/api/auth/preferences`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

  it('merges with the stored preferences instead of replacing them', async () => {
    const dee = await user(server, 'dee');
    const profile = await fetch(`${server.url}/api/auth/profile`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${dee.accessToken}` },
      body: JSON.stringify({ preferences: { theme: 'dark' } }),
    });
    expect(profile.status).toBe(200);
    expect((await patch(dee.accessToken, { preferences: { analyticsOptOut: true } })).status).toBe(200);
    expect((await patch(dee.accessToken, { preferences: { weeklySummary: true } })).status).toBe(200);
    expect(await preferencesOf(server, dee.accessToken)).toEqual({ theme: 'dark', analyticsOptOut: true, weeklySummary: true });
  });

  it('refuses non-boolean switches, unknown fields and no token', async () => {
    const eve = await user(server, 'eve');
    const bad = await patch(eve.accessToken, { preferences: { weeklySummary: 'yes' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ 'preferences.weeklySummary': 'must be true or false' });
    const viaProfile = await fetch(`${server.url}/api/auth/profile`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${eve.accessToken}` },
      body: JSON.stringify({ preferences: { analyticsOptOut: 'no' } }),
    });
    expect(viaProfile.status).toBe(400);
    expect((await patch(eve.accessToken, { preferences: {}, role: 'owner' })).status).toBe(400);
    expect((await patch(eve.accessToken, { preferences: [] })).status).toBe(400);
    const anonymous = await fetch(`${server.url}/api/auth/preferences`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"preferences":{}}' });
    expect(anonymous.status).toBe(401);
    expect(await preferencesOf(server, eve.accessToken)).toEqual({});
  });
});
