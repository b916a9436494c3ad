import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit/settings';
import { freePort } from '../chaos/server-process';
import { readOutbox } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The server sending through a real SMTP server (smtp-server) started here, mail read with mailparser. */

let smtp: SMTPServer;
let server: TestServer;
const inbox: ParsedMail[] = [];
const PASSWORD = 'correct horse battery staple';
let counter = 0;

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  server = await startTestServer({
    smtpUrl: `smtp://127.0.0.1:${port}`,
    mailFrom: 'TrackRuit <no-reply@trackruit.test>',
    otpResendCooldownSeconds: 1,
    // The code's own attempt limit is under test here, not the rate limiter in front of it (security.test.ts).
    rateLimits: { ...DEFAULT_RATE_LIMITS, failureSteps: [{ failures: 20, windowSeconds: 60 }] },
  });
});

afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const post = (route: string, body: unknown) =>
  fetch(`${server.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text) ?? '';

async function mailsTo(address: string, count: number, timeoutMs = 10_000): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = inbox.filter((mail) => to(mail) === address);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`expected ${count} mails to ${address}, got ${found.length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const codeIn = (mail: ParsedMail) => /code is (\d{6})/.exec(mail.text ?? '')?.[1] ?? '';
const email = (label: string) => `${label}-${(counter += 1)}-${Date.now()}@example.com`;

describe('mail over SMTP', () => {
  it('delivers the code, which works once; a wrong code fails; nothing lands in the outbox', async () => {
    const address = email('smtp');
    expect((await post('/api/auth/register', { name: 'Ada <b>', email: address, password: PASSWORD })).status).toBe(202);
    const [mail] = await mailsTo(address, 1);
    expect(mail!.from?.text).toBe('"TrackRuit" <no-reply@trackruit.test>');
    expect(mail!.subject).toBe('Your TrackRuit verification code');
    const code = codeIn(mail!);
    expect(code).toMatch(/^\d{6}$/);
    expect(mail!.html).toContain(code);
    expect(mail!.html).toContain('Ada &#60;b&#62;');

    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await post('/api/auth/verify-otp', { email: address, code: wrong, password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_code');
    const verified = await post('/api/auth/verify-otp', { email: address, code, password: PASSWORD });
    expect(verified.status).toBe(200);
    expect((await verified.json()) as object).toMatchObject({ user: { email: address, emailVerified: true }, accessToken: expect.any(String) });
    expect((await post('/api/auth/verify-otp', { email: address, code, password: PASSWORD })).status).toBe(400);
    const [, welcome] = await mailsTo(address, 2);
    expect(welcome!.subject).toBe('Welcome to TrackRuit');
    expect(await readOutbox(server.dataDir)).toEqual([]);
  });

  it('refuses the sixth attempt even with the right code', async () => {
    const address = email('attempts');
    await post('/api/auth/register', { name: 'Bob', email: address, password: PASSWORD });
    const code = codeIn((await mailsTo(address, 1))[0]!);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) expect((await post('/api/auth/verify-otp', { email: address, code: wrong, password: PASSWORD })).status).toBe(400);
    expect((await post('/api/auth/verify-otp', { email: address, code, password: PASSWORD })).status).toBe(400);
    expect((await post('/api/auth/login', { email: address, password: PASSWORD })).status).toBe(403);
  });

  it('resends only after the cool-down, and the new code replaces the old one', async () => {
    const address = email('resend');
    await post('/api/auth/register', { name: 'Cy', email: address, password: PASSWORD });
    const first = codeIn((await mailsTo(address, 1))[0]!);
    expect((await post('/api/auth/resend-otp', { email: address })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inbox.filter((mail) => to(mail) === address)).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await post('/api/auth/resend-otp', { email: address })).status).toBe(202);
    const second = codeIn((await mailsTo(address, 2))[1]!);
    if (second !== first) expect((await post('/api/auth/verify-otp', { email: address, code: first, password: PASSWORD })).status).toBe(400);
    expect((await post('/api/auth/verify-otp', { email: address, code: second, password: PASSWORD })).status).toBe(200);
  });

  it('sends the reset code and, once used, a password-changed alert; a new device gets a sign-in alert; each with HTML and text', async () => {
    const address = email('reset');
    await post('/api/auth/register', { name: 'Di', email: address, password: PASSWORD });
    const verifyCode = codeIn((await mailsTo(address, 1))[0]!);
    expect((await post('/api/auth/verify-otp', { email: address, code: verifyCode, password: PASSWORD })).status).toBe(200);
    await mailsTo(address, 2); // welcome

    expect((await post('/api/auth/forgot-password', { email: address })).status).toBe(202);
    const reset = (await mailsTo(address, 3))[2]!;
    expect(reset.subject).toBe('Reset your TrackRuit password');
    const code = /reset code is (\d{6})/.exec(reset.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect((await post('/api/auth/reset-password', { email: address, code, password: 'a whole new passphrase' })).status).toBe(200);
    const changed = (await mailsTo(address, 4))[3]!;
    expect(changed.subject).toBe('Your TrackRuit password was changed');

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Another <Browser>/1.0' },
      body: JSON.stringify({ email: address, password: 'a whole new passphrase' }),
    });
    expect(login.status).toBe(200);
    const alert = (await mailsTo(address, 5))[4]!;
    expect(alert.subject).toBe('New sign-in to your TrackRuit account');
    for (const mail of [reset, changed, alert]) {
      expect(mail.text).toBeTruthy();
      expect(mail.html).toBeTruthy();
    }
    expect(alert.text).toContain('Another <Browser>/1.0');
    expect(alert.html).toContain('Another &#60;Browser&#62;/1.0');
  });
});
