import { ResumeParseError, decodeParseError } from './errors';

/** Maps whatever pdf.js (or an engine behind it) threw to one of the contract's codes. */
export function toResumeParseError(error: unknown): ResumeParseError {
  const known = decodeParseError(error);
  if (known) return known;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException' || /password/i.test(message)) return new ResumeParseError('encrypted');
  if (name === 'AbortException' || name === 'AbortError') return new ResumeParseError('cancelled');
  return new ResumeParseError('corrupt', `The file is damaged or not what its name says (${(name || 'error') + ': ' + message.slice(0, 120)}).`);
}
