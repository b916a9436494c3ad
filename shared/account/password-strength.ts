/**
 * The minimum a new password must meet, shared by the server (which enforces
 * it) and the popup (which can say so before the round trip). Length does
 * most of the work; the list only catches the passwords tried first by every
 * guessing tool, which pass a length rule by being long but predictable.
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', '1234512345', '9876543210',
  'password1234', 'password123', 'password12', 'password!', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123',
  'qwertyuiop', 'qwerty12345', 'qwerty123456', 'qwertyuiop123', '1qaz2wsx3edc', 'zaq12wsxcde3', 'asdfghjkl1',
  'iloveyou123', 'letmein123', 'welcome123', 'welcome1234', 'sunshine123', 'football123', 'baseball123',
  'princess123', 'dragon12345', 'monkey12345', 'superman123', 'trustno1234', 'changeme123', 'administrator',
  'admin123456', 'abc1234567', 'abcdefghij', 'abcd123456', 'aa12345678', 'a123456789', 'qazwsxedc123',
  'starwars123', 'whatever123', 'michael123', 'jennifer123', 'computer123', 'internet123', 'samsung123',
  'password', 'passwordpassword', 'mypassword', 'mypassword1', 'secret1234', 'secretpassword',
  'trackruit123', 'trackruit2024', 'trackruit2025', 'jobsearch123',
]);

/** Why the password is too weak, phrased to follow the field name; null when it is acceptable. */
export function passwordWeakness(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) {
    return 'is one of the most common passwords; choose a less predictable one';
  }
  const local = email?.split('@')[0]?.trim().toLowerCase() ?? '';
  // Very short local parts ("a@…") would refuse too many good passwords.
  if (local.length >= 3 && lower.includes(local)) return 'must not contain your email address';
  return null;
}
