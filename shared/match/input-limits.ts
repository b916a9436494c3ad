/**
 * The engine's input limits and its input error, apart from the NLP model:
 * the server checks a request with them on its own thread, where loading
 * wink's model (the match runs in a worker) would only cost memory and start-up.
 */

/** Largest resume or job text accepted, in characters (about 200 KB). */
export const MAX_TEXT_CHARS = 200_000;

export class MatchInputError extends Error {
  constructor(
    message: string,
    readonly code: 'too_large' | 'malformed',
  ) {
    super(message);
    this.name = 'MatchInputError';
  }
}

/** Refuses oversized input before any work is done on it. */
export function checkTextSize(text: string, what: string): void {
  if (text.length > MAX_TEXT_CHARS) {
    throw new MatchInputError(`${what} is ${text.length} characters; the limit is ${MAX_TEXT_CHARS}.`, 'too_large');
  }
}

/** Candidates ranked at most in one recommendation call (the extension's own list is capped far below the ranking's cost). */
export const MAX_RECOMMEND_JOBS = 20_000;

/** Jobs considered at most in one feedback call: each costs a few matches. */
export const MAX_FEEDBACK_JOBS = 200;
