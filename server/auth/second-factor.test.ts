import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { newUserRecord } from '../storage/new-user';
import { createSecondFactorService } from './second-factor';
import { createSecondFactorStore, type SecondFactorStore } from './second-factor-store';
import { createSecretBox } from './secret-box';

const SECRET = 'x'.repeat(40);
const stores: { store: SecondFactorStore; dir: string }[] = [];
afterEach(async () => {
  for (const { store, dir } of stores.splice(0)) {
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});

async function setUp(now: () => number) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-2fa-'));
  const store = await createSecondFactorStore(dir);
  stores.push({ store, dir });
  return { store, service: createSecondFactorService({ store, serverSecret: SECRET, issuer: 'TrackRuit', now }) };
}

const codeAt = (secret: string, ms: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: ms });
const user = newUserRecord({ email: 'admin@example.com', name: 'Admin', passwordHash: null, emailVerified: true });

describe('secret box', () => {
  it('seals so the plain text does not show, and opens only with the same secret and purpose', () => {
    const box = createSecretBox(SECRET, 'totp-secret');
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(createSecretBox(SECRET, 'other').open(sealed)).toBeNull();
    expect(createSecretBox('y'.repeat(40), 'totp-secret').open(sealed)).toBeNull();
    expect(box.open(sealed.slice(0, -2))).toBeNull();
  });
});

describe('second factor', () => {
  it('stores only a sealed seed, accepts a code once, and within one step either side only', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const { store, service } = await setUp(() => now);
    const { secret } = await service.startEnrolment(user);
    const codes = await service.confirmEnrolment(user, codeAt(secret, now));
    expect(codes).toHaveLength(10);
    const record = await store.get(user.id);
    expect(JSON.stringify(record)).not.toContain(secret);
    expect(JSON.stringify(record)).not.toContain(codes[0]);
    await expect(service.verify(user, { code: codeAt(secret, now) })).rejects.toMatchObject({ code: 'code_reused' });
    now += 30_000;
    await expect(service.verify(user, { code: codeAt(secret, now + 60_000) })).rejects.toMatchObject({ code: 'invalid_code' });
    await expect(service.verify(user, { code: codeAt(secret, now) })).resolves.toMatchObject({ method: 'totp' });
    // Two requests racing with the next code: exactly one wins.
    now += 30_000;
    const results = await Promise.allSettled([service.verify(user, { code: codeAt(secret, now) }), service.verify(user, { code: codeAt(secret, now) })]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('expires an enrolment that was not confirmed', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const { service } = await setUp(() => now);
    const { secret } = await service.startEnrolment(user);
    now += 11 * 60_000;
    await expect(service.confirmEnrolment(user, codeAt(secret, now))).rejects.toMatchObject({ code: 'no_enrolment' });
    expect(await service.isEnrolled(user.id)).toBe(false);
  });
});
