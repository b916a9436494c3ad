/**
 * Admin sessions for tests, through the real routes: set up the account's
 * second factor (POST /api/admin/second-factor/enrol and /confirm), with the
 * codes an authenticator app would show, computed from the secret the server
 * returned.
 *
 * - `totpCode(secret, stepsAhead?)`: the code of the current 30-second step,
 *   or of a later one (a code not yet used, without waiting for the clock).
 * - `enrolSecondFactor(url, userToken, password)` → `{ secret, recoveryCodes, adminToken, qrCodeDataUrl }`.
 * - `signInAsAdmin(url, email, password)` → `{ id, userToken, adminToken, secret }`: password sign-in, then enrolment.
 */
import * as OTPAuth from 'otpauth';

export function totpCode(secret: string, stepsAhead = 0): string {
  const totp = new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

async function post(url: string, token: string | null, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
}

export interface Enrolment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
  recoveryCodes: string[];
  adminToken: string;
}

export async function enrolSecondFactor(url: string, userToken: string, password: string): Promise<Enrolment> {
  const started = await post(`${url}/api/admin/second-factor/enrol`, userToken, { password });
  if (started.status !== 200) throw new Error(`enrol answered ${started.status}: ${await started.text()}`);
  const { secret, otpauthUrl, qrCodeDataUrl } = (await started.json()) as { secret: string; otpauthUrl: string; qrCodeDataUrl: string };
  const confirmed = await post(`${url}/api/admin/second-factor/confirm`, userToken, { code: totpCode(secret) });
  if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}: ${await confirmed.text()}`);
  const { recoveryCodes, accessToken } = (await confirmed.json()) as { recoveryCodes: string[]; accessToken: string };
  return { secret, otpauthUrl, qrCodeDataUrl, recoveryCodes, adminToken: accessToken };
}

export async function signInAsAdmin(url: string, email: string, password: string): Promise<{ id: string; userToken: string; adminToken: string; secret: string; recoveryCodes: string[] }> {
  const login = await post(`${url}/api/auth/login`, null, { email, password });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const session = (await login.json()) as { user: { id: string }; accessToken: string };
  const enrolment = await enrolSecondFactor(url, session.accessToken, password);
  return { id: session.user.id, userToken: session.accessToken, adminToken: enrolment.adminToken, secret: enrolment.secret, recoveryCodes: enrolment.recoveryCodes };
}
