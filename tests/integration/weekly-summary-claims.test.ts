import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../server/mail/mailer';
import { createPouchStorage } from '../../server/storage/pouchdb/index';
import { systemPouch } from '../../server/storage/pouchdb/system-pouch';
import { testUserRecord } from '../../server/storage/test-user';
import type { Storage } from '../../server/storage/types';
import type { SummaryClaims } from '../../server/weekly-summary/claims';
import { createPouchClaims } from '../../server/weekly-summary/pouch-claims';
import { openRedisClaims } from '../../server/weekly-summary/redis-claims';
import { createWeeklySummaryScheduler, type WeeklySummaryScheduler } from '../../server/weekly-summary/scheduler';
import { createUnsubscribeLinks } from '../../server/weekly-summary/unsubscribe-link';
import { startRedis, type TestRedis } from '../helpers/redis';
import { startSmtpInbox, type SmtpInbox } from '../helpers/smtp-inbox';

/**
 * Two server instances sending the weekly summary at the same moment over the
 * storage they share. Two server processes cannot open the same embedded
 * PouchDB data directory (LevelDB locks it), so the instances here are two
 * schedulers, each with its own claims handle and its own mailer, racing over
 * one claims database; and, for REDIS_URL, two schedulers with their own
 * Redis connections to one real redis-server. Each user must get exactly one
 * mail through the real SMTP server.
 */

const USERS = 12;
let inbox: SmtpInbox;
let redis: TestRedis;
let dataDir: string;
let storage: Storage;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
  await inbox?.stop();
});

// A fresh data directory per test: one server's users and claims.
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-claims-'));
  storage = await createPouchStorage(dataDir);
});

afterEach(async () => {
  await storage.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function seedUsers(label: string): Promise<string[]> {
  const emails: string[] = [];
  for (let index = 0; index < USERS; index += 1) {
    const email = `${label}-${index}@example.com`;
    // Every third user left the mail off.
    const weeklySummary = index % 3 !== 0;
    expect(await storage.users.create(testUserRecord({ id: `${label}-${index}`, email, name: `User ${index}`, preferences: { weeklySummary } }))).toBe('created');
    emails.push(email);
  }
  return emails;
}

function instance(claims: SummaryClaims, name: string): { scheduler: WeeklySummaryScheduler; mailer: Mailer } {
  const mailer = createMailer({ smtpUrl: inbox.url, from: 'TrackRuit <no-reply@trackruit.test>', outboxDir: path.join(dataDir, 'outbox'), logOutbox: false, log: () => undefined });
  const scheduler = createWeeklySummaryScheduler({
    users: storage.users,
    databases: storage.syncDatabases,
    claims,
    mailer,
    links: createUnsubscribeLinks('k'.repeat(48), () => 'http://localhost'),
    settings: { checkMs: 3_600_000, leaseMs: 60_000 },
    log: (message, error) => console.error(message, error),
    instanceId: name,
  });
  return { scheduler, mailer };
}

const weeklyTo = (email: string) => inbox.now(email).filter((mail) => mail.subject === 'Your TrackRuit week');

async function race(a: WeeklySummaryScheduler, b: WeeklySummaryScheduler): Promise<number> {
  let sent = 0;
  for (let round = 0; round < 3; round += 1) {
    const [fromA, fromB] = await Promise.all([a.runOnce(), b.runOnce()]);
    sent += fromA + fromB;
  }
  return sent;
}

function expectOneEach(emails: string[]) {
  emails.forEach((email, index) => expect(weeklyTo(email), email).toHaveLength(index % 3 !== 0 ? 1 : 0));
}

describe('two instances, one week', () => {
  it('send each opted-in user exactly one mail over one shared claims database', async () => {
    const emails = await seedUsers('pouch');
    const db = new (systemPouch(dataDir))('weekly_summaries');
    const first = instance(createPouchClaims(db), 'a');
    const second = instance(createPouchClaims(db), 'b');
    const sent = await race(first.scheduler, second.scheduler);
    await Promise.all([first.scheduler.stop(), second.scheduler.stop(), first.mailer.close(), second.mailer.close()]);
    await db.close();
    expect(sent).toBe(8);
    expectOneEach(emails);
  });

  it('send each opted-in user exactly one mail over one shared Redis', async () => {
    const emails = await seedUsers('redis');
    const [claimsA, claimsB] = await Promise.all([openRedisClaims(redis.url), openRedisClaims(redis.url)]);
    const first = instance(claimsA, 'a');
    const second = instance(claimsB, 'b');
    const sent = await race(first.scheduler, second.scheduler);
    await Promise.all([first.scheduler.stop(), second.scheduler.stop(), first.mailer.close(), second.mailer.close(), claimsA.close(), claimsB.close()]);
    expect(sent).toBe(8);
    expectOneEach(emails);
  });
});

describe('a claim as a lease', () => {
  for (const kind of ['pouch', 'redis'] as const) {
    it(`${kind}: another instance takes over a claim whose holder stopped, and nobody claims a sent key`, async () => {
      const db = kind === 'pouch' ? new (systemPouch(dataDir))('weekly_leases') : null;
      const [a, b] = db ? [createPouchClaims(db), createPouchClaims(db)] : await Promise.all([openRedisClaims(redis.url), openRedisClaims(redis.url)]);
      const key = `2026-W49|${kind}-lease`;
      expect(await a.claim(key, 'a', 150)).toBe(true);
      expect(await b.claim(key, 'b', 150)).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await b.claim(key, 'b', 60_000)).toBe(true);
      // The stopped holder's late release does not free the new holder's claim.
      await a.release(key, 'a');
      expect(await a.claim(key, 'a', 60_000)).toBe(false);
      await b.markSent(key, 'b');
      expect(await a.claim(key, 'a', 1)).toBe(false);
      // The two pouch handles are one database: closed once.
      await a.close();
      if (!db) await b.close();
    });
  }
});

describe('Redis unreachable', () => {
  it('does not hold the start, and a pass sends nothing and stops with one log line', async () => {
    const gone = await startRedis();
    await gone.stop();
    const emails = await seedUsers('outage');
    // Resolves (after a short wait for the connection) rather than waiting for Redis to come back.
    const claims = await openRedisClaims(gone.url);
    const logged: string[] = [];
    const mailer = createMailer({ smtpUrl: inbox.url, from: 'TrackRuit <no-reply@trackruit.test>', outboxDir: path.join(dataDir, 'outbox'), logOutbox: false, log: () => undefined });
    const scheduler = createWeeklySummaryScheduler({
      users: storage.users,
      databases: storage.syncDatabases,
      claims,
      mailer,
      links: createUnsubscribeLinks('k'.repeat(48), () => 'http://localhost'),
      settings: { checkMs: 3_600_000, leaseMs: 60_000 },
      log: (message) => logged.push(message),
    });
    expect(await scheduler.runOnce()).toBe(0);
    expect(logged).toEqual(['Weekly summary pass stopped: the claims store is unavailable; the next pass tries again']);
    await Promise.all([scheduler.stop(), mailer.close(), claims.close()]);
    for (const email of emails) expect(weeklyTo(email)).toHaveLength(0);
  });
});
