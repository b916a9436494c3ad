/**
 * Every way a file can fail to parse, as one code the page can turn into a
 * clear message. The same codes come out of the browser worker and the Node path.
 */
export type ResumeParseErrorCode =
  | 'too-large'
  | 'too-many-pages'
  | 'timeout'
  | 'unsupported-type'
  | 'encrypted'
  | 'corrupt'
  | 'empty'
  | 'cancelled';

export const RESUME_PARSE_ERROR_CODES: readonly ResumeParseErrorCode[] = [
  'too-large',
  'too-many-pages',
  'timeout',
  'unsupported-type',
  'encrypted',
  'corrupt',
  'empty',
  'cancelled',
];

const MESSAGES: Record<ResumeParseErrorCode, string> = {
  'too-large': 'The file is larger than 10 MB.',
  'too-many-pages': 'The document has more than 30 pages.',
  timeout: 'Reading the file took longer than 60 seconds and was stopped.',
  'unsupported-type': 'Only PDF, Word (.docx), PNG and JPEG files can be read.',
  encrypted: 'The PDF is protected by a password.',
  corrupt: 'The file is damaged or not what its name says.',
  empty: 'No text could be found in the file.',
  cancelled: 'Reading the file was cancelled.',
};

export class ResumeParseError extends Error {
  override readonly name = 'ResumeParseError';
  readonly code: ResumeParseErrorCode;

  constructor(code: ResumeParseErrorCode, message?: string) {
    super(message ?? MESSAGES[code]);
    this.code = code;
  }
}

export function isResumeParseErrorCode(value: unknown): value is ResumeParseErrorCode {
  return typeof value === 'string' && (RESUME_PARSE_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Errors lose their class crossing a worker boundary (structured clone keeps
 * only name and message), so the code travels in the message as a prefix.
 */
export function encodeParseError(error: ResumeParseError): string {
  return `[${error.code}] ${error.message}`;
}

export function decodeParseError(error: unknown): ResumeParseError | undefined {
  if (error instanceof ResumeParseError) return error;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const match = /^\[([a-z-]+)\] ([\s\S]*)$/.exec(message);
  if (match && isResumeParseErrorCode(match[1])) return new ResumeParseError(match[1], match[2]);
  return undefined;
}
