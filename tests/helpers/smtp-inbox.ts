import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../chaos/server-process';

/** A real SMTP server (smtp-server) on a free local port, keeping every message it receives, parsed with mailparser. */
export interface SmtpInbox {
  url: string;
  mails: ParsedMail[];
  /** The mails to `address` once there are at least `count` of them. */
  to(address: string, count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** The mails to `address` now. */
  now(address: string): ParsedMail[];
  stop(): Promise<void>;
}

const recipient = (mail: ParsedMail) => ((Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text) ?? '').toLowerCase();

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const port = await freePort();
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  const now = (address: string) => mails.filter((mail) => recipient(mail) === address.toLowerCase());
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    now,
    async to(address, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = now(address);
        if (found.length >= count) return found;
        if (Date.now() > deadline) throw new Error(`expected ${count} mails to ${address}, got ${found.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** Signs up through the server, reading the verification code from the inbox. */
export async function signUpThroughInbox(serverUrl: string, inbox: SmtpInbox, input: { name: string; email: string; password: string }): Promise<{ accessToken: string; user: { id: string } }> {
  const post = (route: string, body: unknown) => fetch(`${serverUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const before = inbox.now(input.email).length;
  const registered = await post('/api/auth/register', input);
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}: ${await registered.text()}`);
  const mail = (await inbox.to(input.email, before + 1))[before]!;
  const code = /code is (\d{6})/.exec(mail.text ?? '')?.[1];
  const verified = await post('/api/auth/verify-otp', { email: input.email, code, password: input.password });
  if (verified.status !== 200) throw new Error(`verify-otp answered ${verified.status}: ${await verified.text()}`);
  return (await verified.json()) as { accessToken: string; user: { id: string } };
}
