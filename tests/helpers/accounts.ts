/**
 * Accounts for tests, through the real verification flow: register, read the
 * code from the server's outbox (<DATA_DIR>/outbox, where mail goes when no
 * SMTP server is configured), verify.
 *
 * - `createVerifiedAccount(server, { name, email, password })` → the session
 *   verify-otp answers: `{ user, accessToken, refreshToken, syncUrl }`.
 * - `readLatestCode(dataDir, email, { notBefore?, timeoutMs? })` → the code in
 *   the newest mail to `email` that carries one, waiting for it to be written
 *   (mail is sent after the answer). `notBefore` (ms since epoch) ignores
 *   older mail, for a code asked for again.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface AccountInput {
  name: string;
  email: string;
  password: string;
}

export interface VerifiedSession {
  user: { id: string; email: string; name: string; createdAt: string; role: string; emailVerified: boolean };
  accessToken: string;
  refreshToken: string;
  syncUrl: string;
}

const CODE_IN_TEXT = /code is (\d{6})\b/;

export interface OutboxMail {
  file: string;
  /** From the file name: when the server wrote it, in ms. */
  writtenAt: number;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Every mail in the outbox, oldest first. */
export async function readOutbox(dataDir: string): Promise<OutboxMail[]> {
  const dir = path.join(dataDir, 'outbox');
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith('.eml'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const mails: OutboxMail[] = [];
  for (const name of names) {
    const parsed = await simpleParser(await fs.readFile(path.join(dir, name)));
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text ?? '';
    mails.push({
      file: name,
      writtenAt: Number(name.split('-')[0]),
      to: to.toLowerCase(),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
    });
  }
  return mails.sort((a, b) => a.writtenAt - b.writtenAt || a.file.localeCompare(b.file));
}

export async function readLatestCode(dataDir: string, email: string, options: { notBefore?: number; timeoutMs?: number } = {}): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const address = email.trim().toLowerCase();
  for (;;) {
    const mails = await readOutbox(dataDir);
    for (const mail of mails.reverse()) {
      if (!mail.to.includes(address) || mail.writtenAt < (options.notBefore ?? 0)) continue;
      const code = CODE_IN_TEXT.exec(mail.text)?.[1];
      if (code) return code;
    }
    if (Date.now() > deadline) throw new Error(`No code mailed to ${email} in ${path.join(dataDir, 'outbox')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export async function createVerifiedAccount(server: { url: string; dataDir: string }, account: AccountInput): Promise<VerifiedSession> {
  const registered = await postJson(`${server.url}/api/auth/register`, account);
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}: ${await registered.text()}`);
  const code = await readLatestCode(server.dataDir, account.email);
  const verified = await postJson(`${server.url}/api/auth/verify-otp`, { email: account.email, code, password: account.password });
  if (verified.status !== 200) throw new Error(`verify-otp answered ${verified.status}: ${await verified.text()}`);
  return (await verified.json()) as VerifiedSession;
}
