import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailContent } from './templates';

/**
 * Sends mail over SMTP when SMTP_URL is configured; otherwise writes each
 * message, as a complete RFC 822 file, into <DATA_DIR>/outbox so a fresh
 * machine works without a mail server (and logs the code it carries).
 *
 * Sending never fails the request that caused it: the answer must not depend
 * on whether a mail went out (that would tell who has an account), so sends
 * are queued, failures logged, and `flush()` waits for what is in flight.
 */

/** Delivery since the server started, for the admin console (GET /api/admin/services). */
export interface MailStats {
  /** An SMTP server is configured (otherwise mail goes to the outbox). */
  configured: boolean;
  sent: number;
  failed: number;
  /** The last failure's reason, with addresses and credentials taken out. */
  lastError?: string;
}

export interface Mailer {
  /** `logHint` (e.g. "code 123456") is logged only in outbox mode outside production, where nobody else would see the mail. */
  send(to: string, content: MailContent, logHint?: string): void;
  /** Sends and resolves once the mail server (or outbox) took the message; rejects when it did not. For senders that must know (the weekly summary records each send). */
  deliver(to: string, content: MailContent): Promise<void>;
  stats(): MailStats;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface MailerOptions {
  smtpUrl: string | null;
  from: string;
  outboxDir: string;
  /** Log each message written to the outbox (off in tests, which read the outbox themselves). */
  logOutbox: boolean;
  /** Whether that line carries the hint (a one-time code): in development only, never in a production log. */
  logHints?: boolean;
  /** Told of each message handed over or failed (metrics). */
  onOutcome?: (outcome: 'sent' | 'failed') => void;
  log: (message: string, error?: unknown) => void;
}

export function createMailer(options: MailerOptions): Mailer {
  const smtp = options.smtpUrl !== null;
  const transport: Transporter = smtp
    ? nodemailer.createTransport(options.smtpUrl!)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const pending = new Set<Promise<void>>();
  let lastStamp = 0;
  let sent = 0;
  let failed = 0;
  let lastError: string | undefined;

  async function deliver(to: string, content: MailContent, logHint?: string): Promise<void> {
    const info = await transport.sendMail({ from: options.from, to, subject: content.subject, text: content.text, html: content.html, ...(content.headers ? { headers: content.headers } : {}) });
    if (smtp) return;
    // Strictly increasing, so the newest file sorts last even within one millisecond.
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    const file = path.join(options.outboxDir, `${lastStamp}-${crypto.randomBytes(4).toString('hex')}.eml`);
    await fs.mkdir(options.outboxDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(file, new Uint8Array((info as unknown as { message: Buffer }).message), { mode: 0o600 });
    if (options.logOutbox) options.log(`Mail to ${to}: "${content.subject}"${logHint && options.logHints ? ` (${logHint})` : ''} written to ${file}`);
  }

  return {
    send(to, content, logHint) {
      const sending = deliver(to, content, logHint).then(() => {
        sent += 1;
        options.onOutcome?.('sent');
      }, (error: unknown) => {
        failed += 1;
        lastError = describeMailError(error);
        options.onOutcome?.('failed');
        options.log(`Could not send "${content.subject}" to ${to}`, error);
      });
      pending.add(sending);
      void sending.finally(() => pending.delete(sending));
    },
    deliver(to, content) {
      const sending = deliver(to, content).then(() => {
        sent += 1;
      }, (error: unknown) => {
        failed += 1;
        lastError = describeMailError(error);
        throw error;
      });
      const tracked = sending.catch(() => undefined);
      pending.add(tracked);
      void tracked.finally(() => pending.delete(tracked));
      return sending;
    },
    stats() {
      return { configured: smtp, sent, failed, ...(lastError ? { lastError } : {}) };
    },
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close() {
      await this.flush();
      transport.close();
    },
  };
}

/**
 * A send failure as an admin may read it: nodemailer's code and message
 * (which can quote the SMTP URL, its password included, or a recipient's
 * address), with URL credentials and email addresses replaced, and bounded.
 */
export function describeMailError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const cleaned = message
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1[credentials]@')
    .replace(/[^\s<>()"',;:@/[\]]+@[^\s<>()"',;:@/[\]]+\.[^\s<>()"',;:@/[\]]+/g, '[address]')
    .replace(/\s+/g, ' ')
    .trim();
  const text = typeof code === 'string' && !cleaned.startsWith(code) ? `${code}: ${cleaned}` : cleaned;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
