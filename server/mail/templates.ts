/**
 * Every message the server sends, each with a plain-text and an HTML part.
 * Names and user agents come from users and clients: they are escaped in the
 * HTML and kept to one line in the text, so a name cannot inject markup,
 * links or extra headers-looking lines into a security mail.
 */

export interface MailContent {
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe); values built by the server, never from user input. */
  headers?: Record<string, string>;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One line, bounded: control characters (newlines included) become spaces. */
function oneLine(value: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

interface Block {
  /** Paragraphs of plain text; escaped for HTML. */
  paragraphs: string[];
  /** A code shown large. */
  code?: string;
  /** A link after the paragraphs (built by the server, never from user input). */
  link?: { label: string; url: string };
}

function render(subject: string, greetingName: string, block: Block): MailContent {
  const name = oneLine(greetingName, 100);
  const greeting = name ? `Hello ${name},` : 'Hello,';
  const footer = 'TrackRuit. You get this message because this address is used for a TrackRuit account.';
  const text = [
    greeting,
    '',
    ...block.paragraphs.flatMap((paragraph, index) => (index === 0 && block.code ? [paragraph, '', `    ${block.code}`, ''] : [paragraph, ''])),
    ...(block.link ? [`${block.link.label}: ${block.link.url}`, ''] : []),
    '--',
    footer,
    '',
  ].join('\n');
  const paragraphsHtml = block.paragraphs
    .map((paragraph, index) => {
      const p = `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`;
      return index === 0 && block.code
        ? `${p}<p style="margin:0 0 16px;font-size:28px;font-weight:bold;letter-spacing:6px;font-family:monospace">${escapeHtml(block.code)}</p>`
        : p;
    })
    .join('\n')
    + (block.link ? `\n<p style="margin:0 0 16px"><a href="${escapeHtml(block.link.url)}">${escapeHtml(block.link.label)}</a></p>` : '');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2937;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p style="margin:0 0 16px">${escapeHtml(greeting)}</p>
${paragraphsHtml}
<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0">
<p style="margin:0;color:#6b7280;font-size:12px">${escapeHtml(footer)}</p>
</body></html>
`;
  return { subject, text, html };
}

export function verificationCodeMail(name: string, code: string, validMinutes: number): MailContent {
  return render('Your TrackRuit verification code', name, {
    paragraphs: [
      `Your TrackRuit verification code is ${code}. Enter it in TrackRuit to finish creating your account.`,
      `The code is valid for ${validMinutes} minutes. If you did not create an account, ignore this message; nothing happens without the code.`,
    ],
    code,
  });
}

export function passwordResetMail(name: string, code: string, validMinutes: number): MailContent {
  return render('Reset your TrackRuit password', name, {
    paragraphs: [
      `Your password reset code is ${code}. Enter it in TrackRuit with your new password.`,
      `The code is valid for ${validMinutes} minutes. Setting a new password signs out every device. If you did not ask for this, ignore this message: your password stays as it is.`,
    ],
    code,
  });
}

export function welcomeMail(name: string): MailContent {
  return render('Welcome to TrackRuit', name, {
    paragraphs: [
      'Your email address is confirmed and your TrackRuit account is ready. Applications you track now sync to your server.',
      'You can download all your data or delete your account at any time.',
    ],
  });
}

export interface SignInDetails {
  at: Date;
  ip: string;
  userAgent: string;
}

export function newSignInMail(name: string, details: SignInDetails): MailContent {
  return render('New sign-in to your TrackRuit account', name, {
    paragraphs: [
      `Your account was just signed in to from a device or network not seen before.`,
      `When: ${details.at.toUTCString()}. IP address: ${oneLine(details.ip, 64)}. Browser: ${oneLine(details.userAgent) || 'unknown'}.`,
      'If this was you, there is nothing to do. If not, reset your password now: that signs out every device.',
    ],
  });
}

export function passwordChangedMail(name: string, details: SignInDetails): MailContent {
  return render('Your TrackRuit password was changed', name, {
    paragraphs: [
      'The password of your TrackRuit account was just changed, and your other devices were signed out.',
      `When: ${details.at.toUTCString()}. IP address: ${oneLine(details.ip, 64)}. Browser: ${oneLine(details.userAgent) || 'unknown'}.`,
      'If this was not you, reset your password now with "Forgot password".',
    ],
  });
}

export function registrationAttemptMail(name: string): MailContent {
  return render('Someone tried to create a TrackRuit account with your email', name, {
    paragraphs: [
      'Someone just tried to create a new TrackRuit account with this email address, which already has an account. No new account was created and yours is unchanged.',
      'If it was you, sign in instead; use "Forgot password" if you do not remember it. If not, you can ignore this message.',
    ],
  });
}

export interface WeeklySummaryNumbers {
  from: string;
  to: string;
  applications: number;
  responses: number;
  interviews: number;
  followUps: { title: string; company: string; followUpAt: string }[];
  followUpsDue: number;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Titles and companies come from captured pages: one line each, escaped by render. */
export function weeklySummaryMail(name: string, summary: WeeklySummaryNumbers, unsubscribeUrl: string): MailContent {
  const followUps = summary.followUps.map((due) => {
    const job = due.company ? `${oneLine(due.title, 120)} at ${oneLine(due.company, 120)}` : oneLine(due.title, 120);
    return `- ${due.followUpAt.slice(0, 10)}: ${job}`;
  });
  const more = summary.followUpsDue - summary.followUps.length;
  const content = render('Your TrackRuit week', name, {
    paragraphs: [
      `Your week from ${summary.from} to ${summary.to}: ${plural(summary.applications, 'application', 'applications')} sent, ${plural(summary.responses, 'response', 'responses')} received, ${plural(summary.interviews, 'interview', 'interviews')}.`,
      summary.followUpsDue === 0
        ? 'No follow-ups are due in the coming week.'
        : `${plural(summary.followUpsDue, 'follow-up is', 'follow-ups are')} due in the coming week:`,
      ...followUps,
      ...(more > 0 ? [`…and ${more} more.`] : []),
      'You get this mail because you turned on the weekly summary in TrackRuit\'s settings.',
    ],
    link: { label: 'Stop these weekly mails', url: unsubscribeUrl },
  });
  // RFC 2369 and 8058: mail clients offer their own unsubscribe button, which POSTs to the same link.
  return { ...content, headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}
