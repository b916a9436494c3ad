import { createHash, createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalRequest, fromBase64Url, toBase64Url } from '../../shared/device-signature/canonical';
import { exportPublicJwk, generateDeviceKeyPair, signatureHeaders } from '../../shared/device-signature/sign';
import { shippedRules } from '../../shared/rules';
import { JOB_DOC_VERSION } from '../../shared/schema';
import { userDbName } from '../../server/sync/db-name';
import { MAX_DEVICES_PER_USER } from '../../server/devices/routes';
import { createTokenService } from '../../server/auth/tokens';
import { verifyDeviceSignature } from '../../server/devices/signed-request';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { signInForTest, type TestSession } from '../helpers/sign-in-for-test';
import { plainJobFields } from '../fixtures/jobs';

let server: TestServer;

interface Device {
  session: TestSession;
  id: string;
  keys: CryptoKeyPair;
}

interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };
  text: string;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    // Left empty: a 304 or an empty 204.
  }
  return { status: response.status, json, text };
}

async function registerDevice(session: TestSession, name = 'Test browser', keys?: CryptoKeyPair): Promise<Device> {
  const pair = keys ?? (await generateDeviceKeyPair());
  const response = await answer(await fetch(`${server.url}/api/auth/devices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, publicKeyJwk: await exportPublicJwk(pair.publicKey) }),
  }));
  expect([200, 201]).toContain(response.status);
  return { session, id: (response.json.device as { id: string }).id, keys: pair };
}

interface SignedCall {
  method?: string;
  body?: string;
  /** Who signs: defaults to the device itself. */
  signer?: { id: string; privateKey: CryptoKey };
  timestamp?: number;
  token?: string | null;
  /** Changes headers after signing (an attacker's edits). */
  tamper?: (headers: Record<string, string>) => void;
}

async function buildSigned(device: Device, path: string, options: SignedCall = {}) {
  const url = `${server.url}${path}`;
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const signer = options.signer ?? { id: device.id, privateKey: device.keys.privateKey };
  const headers: Record<string, string> = await signatureHeaders(signer.privateKey, signer.id, {
    method,
    url,
    body: options.body,
    timestamp: options.timestamp ?? Date.now(),
  });
  const token = options.token === undefined ? device.session.accessToken : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  options.tamper?.(headers);
  return { url, init: { method, headers, ...(options.body === undefined ? {} : { body: options.body }) } satisfies RequestInit };
}

async function signed(device: Device, path: string, options: SignedCall = {}): Promise<Answer> {
  const { url, init } = await buildSigned(device, path, options);
  return answer(await fetch(url, init));
}

function expectRefused(response: Answer, code: string) {
  expect(response.status).toBe(403);
  expect(response.json.error).toMatchObject({ code, message: expect.any(String) });
  // Nothing of the account or the rules in a refusal.
  expect(response.text).not.toContain('"rules"');
  expect(response.text).not.toContain('"user"');
}

function job(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, ...plainJobFields(overrides) };
}

/** The job as the user's own replication sees it. */
async function serverDoc(session: TestSession, id: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${server.url}/db/${userDbName(session.user.id)}/_all_docs?include_docs=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ keys: [id] }),
  });
  expect(response.status).toBe(200);
  const rows = ((await response.json()) as { rows: { doc?: Record<string, unknown> | null }[] }).rows;
  return rows[0]?.doc ?? undefined;
}

let alice: Device;
let bob: Device;

beforeAll(async () => {
  server = await startTestServer();
  alice = await registerDevice(await signInForTest(server, 'alice'));
  bob = await registerDevice(await signInForTest(server, 'bob'));
});

afterAll(async () => {
  await server?.stop();
});

describe('device registration', () => {
  it('registers a P-256 public key once, lists and deletes devices, with the bearer token only', async () => {
    const session = await signInForTest(server, 'carol');
    const keys = await generateDeviceKeyPair();
    const first = await registerDevice(session, 'Laptop', keys);
    const again = await registerDevice(session, 'Laptop', keys);
    expect(again.id).toBe(first.id);

    const list = await answer(await fetch(`${server.url}/api/auth/devices`, { headers: { authorization: `Bearer ${session.accessToken}` } }));
    expect(list.status).toBe(200);
    expect(list.json.devices).toEqual([{ id: first.id, name: 'Laptop', createdAt: expect.any(String), thumbprint: expect.any(String) }]);
    // Alice cannot see or delete Carol's device.
    const othersList = await answer(await fetch(`${server.url}/api/auth/devices`, { headers: { authorization: `Bearer ${alice.session.accessToken}` } }));
    expect(JSON.stringify(othersList.json)).not.toContain(first.id);
    const othersDelete = await fetch(`${server.url}/api/auth/devices/${first.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.session.accessToken}` } });
    expect(othersDelete.status).toBe(404);
    expect((await signed(first, '/api/extension/verify')).status).toBe(200);

    const removed = await fetch(`${server.url}/api/auth/devices/${first.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(removed.status).toBe(204);
    expectRefused(await signed(first, '/api/extension/verify'), 'unknown_device');
  });

  it('registers a key only right after a sign-in: a stolen access token alone cannot add one', async () => {
    const session = await signInForTest(server, 'dave');
    // An access token that is still valid, from a sign-in 6 minutes ago (refreshes keep the sign-in time).
    const stolen = createTokenService(server.config).signAccessToken(session.user.id, Date.now() - 6 * 60_000);
    const refused = await answer(await fetch(`${server.url}/api/auth/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stolen}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Attacker', publicKeyJwk: await exportPublicJwk((await generateDeviceKeyPair()).publicKey) }),
    }));
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { code: 'recent_sign_in_required' } });
    const list = await answer(await fetch(`${server.url}/api/auth/devices`, { headers: { authorization: `Bearer ${session.accessToken}` } }));
    expect(list.json.devices).toEqual([]);
  });

  it('refuses a private key, another curve, a bad point, unknown fields and no token', async () => {
    const post = (body: unknown, token: string | null = alice.session.accessToken) =>
      fetch(`${server.url}/api/auth/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then(answer);
    const extractable = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const privateJwk = await crypto.subtle.exportKey('jwk', extractable.privateKey);
    const publicJwk = await exportPublicJwk(extractable.publicKey);

    const withPrivate = await post({ name: 'x', publicKeyJwk: privateJwk });
    expect(withPrivate.status).toBe(400);
    expect(withPrivate.json.error?.fields?.publicKeyJwk).toMatch(/private/);
    expect((await post({ name: 'x', publicKeyJwk: { ...publicJwk, crv: 'P-384' } })).json.error?.fields?.publicKeyJwk).toMatch(/P-256/);
    const offCurve = { ...publicJwk, y: toBase64Url(new Uint8Array(32).fill(7)) };
    expect((await post({ name: 'x', publicKeyJwk: offCurve })).json.error?.fields?.publicKeyJwk).toMatch(/point/);
    const extra = await post({ name: 'x', publicKeyJwk: publicJwk, userId: bob.session.user.id });
    expect(extra.status).toBe(400);
    expect(extra.json.error?.fields?.userId).toBe('is not an accepted field');
    expect((await post({ publicKeyJwk: publicJwk })).json.error?.fields?.name).toBe('is required');
    expect((await post({ name: 'x', publicKeyJwk: publicJwk }, null)).status).toBe(401);
  });

  it(`allows at most ${MAX_DEVICES_PER_USER} devices per account`, async () => {
    const session = await signInForTest(server, 'dave');
    for (let i = 0; i < MAX_DEVICES_PER_USER; i += 1) await registerDevice(session, `Device ${i}`);
    const keys = await generateDeviceKeyPair();
    const over = await answer(await fetch(`${server.url}/api/auth/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'One too many', publicKeyJwk: await exportPublicJwk(keys.publicKey) }),
    }));
    expect(over.status).toBe(409);
    expect(over.json.error?.code).toBe('too_many_devices');
  });
});

describe('signed extension routes', () => {
  it('accepts a signed request with the same user\'s token: verify and config', async () => {
    const verify = await signed(alice, '/api/extension/verify');
    expect(verify.status).toBe(200);
    expect(verify.json).toEqual({
      ok: true,
      user: { id: alice.session.user.id, email: alice.session.user.email, name: alice.session.user.name },
      device: { id: alice.id, name: 'Test browser', createdAt: expect.any(String), thumbprint: expect.any(String) },
    });
    expect(verify.text).not.toContain('argon2');
    const config = await signed(alice, '/api/extension/config');
    expect(config.status).toBe(200);
    expect(config.json).toEqual({ rules: shippedRules });
  });

  it('refuses a request without a signature, with a token alone', async () => {
    const tokenOnly = await answer(await fetch(`${server.url}/api/extension/config`, { headers: { authorization: `Bearer ${alice.session.accessToken}` } }));
    expectRefused(tokenOnly, 'device_signature_required');
    const nothing = await answer(await fetch(`${server.url}/api/extension/verify`));
    expect(nothing.status).toBe(401);
    expect(nothing.json.error?.code).toBe('missing_token');
  });

  it('refuses a signature without the token, and with another user\'s token', async () => {
    expect((await signed(alice, '/api/extension/verify', { token: null })).status).toBe(401);
    // Alice's device, Bob's token: Alice's device is not one of Bob's.
    expectRefused(await signed(alice, '/api/extension/verify', { token: bob.session.accessToken }), 'unknown_device');
  });

  it('refuses a signature by a wrong key, and by another user\'s device', async () => {
    const stranger = await generateDeviceKeyPair();
    expectRefused(await signed(alice, '/api/extension/verify', { signer: { id: alice.id, privateKey: stranger.privateKey } }), 'invalid_signature');
    // Bob's device signs, presented as Alice's device id and with Alice's token.
    expectRefused(await signed(alice, '/api/extension/verify', { signer: { id: alice.id, privateKey: bob.keys.privateKey } }), 'invalid_signature');
    // Bob's device id and key, Alice's token.
    expectRefused(await signed(alice, '/api/extension/verify', { signer: { id: bob.id, privateKey: bob.keys.privateKey } }), 'unknown_device');
  });

  it('refuses a timestamp 6 minutes old or ahead', async () => {
    expectRefused(await signed(alice, '/api/extension/verify', { timestamp: Date.now() - 6 * 60 * 1000 }), 'stale_request');
    expectRefused(await signed(alice, '/api/extension/verify', { timestamp: Date.now() + 6 * 60 * 1000 }), 'stale_request');
    expect((await signed(alice, '/api/extension/verify', { timestamp: Date.now() - 4 * 60 * 1000 })).status).toBe(200);
  });

  it('answers a signed request once: a replay, even with the other ECDSA s, is refused', async () => {
    const body = JSON.stringify({ job: job('replay:1') });
    const { url, init } = await buildSigned(alice, '/api/extension/jobs/add', { body });
    expect((await answer(await fetch(url, init))).status).toBe(201);
    expectRefused(await answer(await fetch(url, init)), 'replayed_request');

    // (r, n - s) verifies as well as (r, s): it must count as the same request.
    const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
    const headers = { ...init.headers };
    const signature = fromBase64Url(headers['X-Signature'] ?? '')!;
    const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
    const flipped = Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex');
    headers['X-Signature'] = toBase64Url(new Uint8Array([...signature.subarray(0, 32), ...flipped]));
    const malleated = await answer(await fetch(url, { ...init, headers }));
    expectRefused(malleated, 'replayed_request');
    // The malleated signature is a valid one: only the replay check refuses it.
    const message = canonicalRequest({
      method: 'POST',
      pathAndQuery: '/api/extension/jobs/add',
      timestamp: headers['X-Timestamp'] ?? '',
      bodySha256Hex: createHash('sha256').update(body).digest('hex'),
    });
    const publicKey = createPublicKey({ key: { ...(await exportPublicJwk(alice.keys.publicKey)) }, format: 'jwk' });
    expect(verifyDeviceSignature(publicKey, message, headers['X-Signature'])).toBe(true);
  });

  it('refuses a signed request whose body, path or method was changed', async () => {
    const original = JSON.stringify({ job: job('tamper:1') });
    const { url, init } = await buildSigned(alice, '/api/extension/jobs/add', { body: original });
    const changed = JSON.stringify({ job: job('tamper:1', { title: 'Planted title' }) });
    expectRefused(await answer(await fetch(url, { ...init, body: changed })), 'invalid_signature');
    expectRefused(await answer(await fetch(`${server.url}/api/extension/jobs/sync`, { ...init, body: original })), 'invalid_signature');
    expectRefused(await answer(await fetch(`${url}?x=1`, init)), 'invalid_signature');
    expect(await serverDoc(alice.session, 'tamper:1')).toBeUndefined();
    // The untouched request still goes through once.
    expect((await answer(await fetch(url, init))).status).toBe(201);
    expect(await serverDoc(alice.session, 'tamper:1')).toMatchObject({ title: 'Backend Engineer' });
  });

  it('reads no body for a request without a valid token and device', async () => {
    const big = 'x'.repeat(11 * 1024 * 1024);
    const anonymous = await answer(await fetch(`${server.url}/api/extension/jobs/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big }));
    expect(anonymous.status).toBe(401);
    const tokenOnly = await answer(await fetch(`${server.url}/api/extension/jobs/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.session.accessToken}` },
      body: big,
    }));
    expectRefused(tokenOnly, 'device_signature_required');
    // Signed, the limit applies.
    expect((await signed(alice, '/api/extension/jobs/sync', { body: big })).status).toBe(413);
  });

  it('refuses malformed signature headers without crashing', async () => {
    for (const tamper of [
      (h: Record<string, string>) => { h['X-Signature'] = 'not base64!'; },
      (h: Record<string, string>) => { h['X-Signature'] = 'A'.repeat(86); },
      (h: Record<string, string>) => { h['X-Timestamp'] = 'yesterday'; },
      (h: Record<string, string>) => { h['X-Device-Id'] = '../../etc/passwd'; },
    ]) {
      const response = await signed(alice, '/api/extension/verify', { tamper });
      expect(response.status).toBe(403);
    }
  });
});

describe('jobs/add and jobs/sync', () => {
  it('writes a valid job to the user\'s own database, idempotently', async () => {
    const body = JSON.stringify({ job: job('add:1') });
    const first = await signed(alice, '/api/extension/jobs/add', { body });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ id: 'add:1', status: 'created' });
    expect((await signed(alice, '/api/extension/jobs/add', { body })).json).toEqual({ id: 'add:1', status: 'unchanged' });
    const newer = JSON.stringify({ job: job('add:1', { status: 'interview', updatedAt: '2025-03-05T10:00:00.000Z' }) });
    expect((await signed(alice, '/api/extension/jobs/add', { body: newer })).json).toEqual({ id: 'add:1', status: 'updated' });
    const older = JSON.stringify({ job: job('add:1', { status: 'rejected', updatedAt: '2025-02-01T10:00:00.000Z' }) });
    expect((await signed(alice, '/api/extension/jobs/add', { body: older })).json).toEqual({ id: 'add:1', status: 'unchanged' });
    expect(await serverDoc(alice.session, 'add:1')).toMatchObject({ _id: 'add:1', status: 'interview', schemaVersion: 2 });
    // Only Alice's database got it.
    expect(await serverDoc(bob.session, 'add:1')).toBeUndefined();
  });

  it('merges a job the server already holds field by field, so an edit on either side survives', async () => {
    expect((await signed(alice, '/api/extension/jobs/add', { body: JSON.stringify({ job: job('merge:1') }) })).status).toBe(201);
    // Another device renames the job later than the copy the extension is about to send.
    const stored = await serverDoc(alice.session, 'merge:1');
    const renamed = await fetch(`${server.url}/db/${userDbName(alice.session.user.id)}/_bulk_docs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.session.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [{ ...stored, title: 'Staff Engineer', updatedAt: '2025-03-05T10:00:00.000Z', fieldTimes: { title: '2025-03-05T10:00:00.000Z', status: '2025-03-01T10:00:00.000Z' } }] }),
    });
    expect(renamed.status).toBe(201);
    // The extension's copy is older overall but carries a note and a status change the server does not have.
    const note = { id: 'n1', text: 'Call back on Monday', at: '2025-03-04T09:00:00.000Z' };
    const sent = job('merge:1', {
      notes: [note],
      status: 'interview',
      statusHistory: [{ status: 'applied', at: '2025-03-01T10:00:00.000Z' }, { status: 'interview', at: '2025-03-04T09:00:00.000Z' }],
      updatedAt: '2025-03-04T09:00:00.000Z',
      fieldTimes: { status: '2025-03-04T09:00:00.000Z' },
    });
    const added = await signed(alice, '/api/extension/jobs/add', { body: JSON.stringify({ job: sent }) });
    expect(added.json).toEqual({ id: 'merge:1', status: 'updated' });
    expect(await serverDoc(alice.session, 'merge:1')).toMatchObject({
      title: 'Staff Engineer',
      status: 'interview',
      notes: [note],
      statusHistory: [{ status: 'applied' }, { status: 'interview' }],
      updatedAt: '2025-03-05T10:00:00.000Z',
    });
    // Sent again, it changes nothing.
    expect((await signed(alice, '/api/extension/jobs/add', { body: JSON.stringify({ job: sent }) })).json).toEqual({ id: 'merge:1', status: 'unchanged' });
  });

  it('merges copies of different schema versions into one the server accepts, at the later version', async () => {
    const add = async (sent: Record<string, unknown>) => (await signed(alice, '/api/extension/jobs/add', { body: JSON.stringify({ job: sent }) })).json;
    // Stored by an extension not yet updated (version 2); an updated one sends it back as version 3.
    expect(await add(job('versions:1'))).toEqual({ id: 'versions:1', status: 'created' });
    expect(await add(job('versions:1', { schemaVersion: JOB_DOC_VERSION }))).toEqual({ id: 'versions:1', status: 'unchanged' });
    expect(await serverDoc(alice.session, 'versions:1')).toMatchObject({ schemaVersion: 2 });
    // The updated extension's capture adds a field version 2 does not have.
    const detection = { rulesVersion: shippedRules.version, signal: 'ats-confirmation', layout: 'greenhouse' };
    const captured = job('versions:1', {
      schemaVersion: JOB_DOC_VERSION,
      detection,
      updatedAt: '2025-03-04T09:00:00.000Z',
      fieldTimes: { detection: '2025-03-04T09:00:00.000Z' },
    });
    expect(await add(captured)).toEqual({ id: 'versions:1', status: 'updated' });
    expect(await serverDoc(alice.session, 'versions:1')).toMatchObject({ schemaVersion: JOB_DOC_VERSION, detection });
    // The extension not yet updated edits it later: still merged, and the version-3 field survives.
    const edited = job('versions:1', { status: 'interview', updatedAt: '2025-03-05T09:00:00.000Z', fieldTimes: { status: '2025-03-05T09:00:00.000Z' } });
    expect(await add(edited)).toEqual({ id: 'versions:1', status: 'updated' });
    expect(await serverDoc(alice.session, 'versions:1')).toMatchObject({ schemaVersion: JOB_DOC_VERSION, status: 'interview', detection });
    // Version 1 (no schemaVersion) against version 2 is brought to 2, not further, so the version-2 extension still reads it.
    const { schemaVersion: _v, ...versionOne } = job('versions:2');
    expect(await add(versionOne)).toEqual({ id: 'versions:2', status: 'created' });
    expect(await add(job('versions:2', { title: 'Platform Engineer', updatedAt: '2025-03-05T09:00:00.000Z' }))).toEqual({ id: 'versions:2', status: 'updated' });
    expect(await serverDoc(alice.session, 'versions:2')).toMatchObject({ schemaVersion: 2, title: 'Platform Engineer' });
  });

  it('refuses an invalid job with field errors and writes nothing', async () => {
    const response = await signed(alice, '/api/extension/jobs/add', {
      body: JSON.stringify({ job: job('bad:1', { status: 'hired', url: 'javascript:alert(1)', role: 'admin' }) }),
    });
    expect(response.status).toBe(400);
    expect(response.json.error?.code).toBe('validation_failed');
    expect(response.json.error?.fields).toMatchObject({ 'job.status': expect.any(String), 'job.url': expect.any(String) });
    expect(await serverDoc(alice.session, 'bad:1')).toBeUndefined();

    const couchFields = await signed(alice, '/api/extension/jobs/add', { body: JSON.stringify({ job: { ...job('bad:2'), _deleted: true } }) });
    expect(couchFields.json.error?.fields).toEqual({ 'job._deleted': 'is not accepted here' });
    const notJson = await signed(alice, '/api/extension/jobs/add', { body: '{"job":' });
    expect(notJson.json.error?.code).toBe('malformed_json');
    const extra = await signed(alice, '/api/extension/jobs/add', { body: JSON.stringify({ job: job('bad:3'), userId: bob.session.user.id }) });
    expect(extra.json.error?.fields).toEqual({ userId: 'is not an accepted field' });
  });

  it('syncs up to 500 jobs with a result per job', async () => {
    const jobs = [job('sync:1'), job('sync:2', { title: '' }), job('add:1'), job('sync:1'), 'not a job'];
    const response = await signed(alice, '/api/extension/jobs/sync', { body: JSON.stringify({ jobs }) });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ created: 1, unchanged: 1, updated: 0, invalid: 3 });
    const results = response.json.results as { id?: string; status: string; fields?: Record<string, string> }[];
    expect(results.map((r) => r.status)).toEqual(['created', 'invalid', 'unchanged', 'invalid', 'invalid']);
    expect(results[1]).toMatchObject({ id: 'sync:2', fields: { title: expect.any(String) } });
    expect(results[3]).toMatchObject({ id: 'sync:1', fields: { id: 'appears twice in this request' } });
    expect(await serverDoc(alice.session, 'sync:1')).toMatchObject({ title: 'Backend Engineer' });
    expect(await serverDoc(alice.session, 'sync:2')).toBeUndefined();

    const again = await signed(alice, '/api/extension/jobs/sync', { body: JSON.stringify({ jobs: [job('sync:1')] }) });
    expect(again.json).toMatchObject({ created: 0, unchanged: 1 });

    const many = Array.from({ length: 500 }, (_, i) => job(`bulk:${i}`));
    const bulk = await signed(alice, '/api/extension/jobs/sync', { body: JSON.stringify({ jobs: many }) });
    expect(bulk.json).toMatchObject({ created: 500, invalid: 0 });
    const tooMany = await signed(alice, '/api/extension/jobs/sync', { body: JSON.stringify({ jobs: [...many, job('bulk:500')] }) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error?.fields?.jobs).toMatch(/at most 500/);
  });
});
