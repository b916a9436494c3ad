import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  newSignInMail,
  passwordChangedMail,
  passwordResetMail,
  registrationAttemptMail,
  verificationCodeMail,
  weeklySummaryMail,
  welcomeMail,
} from './templates';

const hostile = '<script>alert("x")</script> & \'Bob\'';

describe('mail templates', () => {
  it('escape HTML special characters', () => {
    expect(escapeHtml('<a href="x">&\'</a>')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#60;/a&#62;');
  });

  it('never put a user-supplied name or user agent into the HTML unescaped', () => {
    const at = new Date('2025-01-02T03:04:05Z');
    const mails = [
      verificationCodeMail(hostile, '012345', 10),
      passwordResetMail(hostile, '654321', 10),
      welcomeMail(hostile),
      newSignInMail(hostile, { at, ip: '203.0.113.9', userAgent: '<img src=x onerror=alert(1)>' }),
      passwordChangedMail(hostile, { at, ip: '203.0.113.9', userAgent: 'Agent\r\nBcc: victim@example.com' }),
      registrationAttemptMail(hostile),
    ];
    for (const mail of mails) {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('&#60;script&#62;');
      expect(mail.text).toContain('Hello <script>alert("x")</script>');
      expect(mail.text).not.toMatch(/\r?\nBcc:/);
      expect(mail.subject).not.toContain('<');
    }
  });

  it('carry the code in both parts, and say how long it lasts', () => {
    const mail = verificationCodeMail('Ada', '012345', 10);
    expect(mail.text).toContain('verification code is 012345');
    expect(mail.html).toContain('012345');
    expect(mail.text).toContain('10 minutes');
    expect(passwordResetMail('Ada', '654321', 10).text).toContain('reset code is 654321');
  });

  it('greet without a name when there is none', () => {
    expect(welcomeMail('  ').text.startsWith('Hello,\n')).toBe(true);
  });

  it('weekly summary: job titles from captured pages are escaped and kept to one line, the link is an anchor', () => {
    const mail = weeklySummaryMail('Ada', {
      from: '2026-11-30',
      to: '2026-12-06',
      applications: 1,
      responses: 0,
      interviews: 2,
      followUps: [{ title: '<b>Lead</b>\nBcc: x@example.com', company: 'A&B', followUpAt: '2026-12-10T09:00:00.000Z' }],
      followUpsDue: 3,
    }, 'https://track.example.org/api/mail/weekly-summary/unsubscribe?u=1&s=abc');
    expect(mail.text).toContain('1 application sent, 0 responses received, 2 interviews.');
    expect(mail.text).toContain('- 2026-12-10: <b>Lead</b> Bcc: x@example.com at A&B');
    expect(mail.text).toContain('…and 2 more.');
    expect(mail.html).not.toContain('<b>Lead');
    expect(mail.html).toContain('&#60;b&#62;Lead&#60;/b&#62; Bcc: x@example.com at A&#38;B');
    expect(mail.html).toContain('<a href="https://track.example.org/api/mail/weekly-summary/unsubscribe?u=1&#38;s=abc">Stop these weekly mails</a>');
  });
});
