import { describe, expect, it } from 'vitest';
import { describeMailError } from './mailer';

describe('describeMailError', () => {
  it('takes credentials out of URLs and addresses out of the message, keeping the code and host', () => {
    const error = Object.assign(new Error('Invalid login for smtps://mailer:hunter2-secret@smtp.example.com:465: 535 rejected ada@example.org'), { code: 'EAUTH' });
    const text = describeMailError(error);
    expect(text).toBe('EAUTH: Invalid login for smtps://[credentials]@smtp.example.com:465: 535 rejected [address]');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('ada@');
  });

  it('is bounded', () => {
    expect(describeMailError(new Error('x'.repeat(5000))).length).toBeLessThanOrEqual(300);
  });
});
