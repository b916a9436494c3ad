import type { Platform } from '../../../shared/schema/job';

/**
 * Messages content scripts send to the background beside `job:captured`, and
 * the replies. Types only: content scripts import this without pulling zod in;
 * the background validates with the schemas in ./undo.ts and ./job-status.ts.
 */
export interface UndoMessage {
  type: 'job:undo';
  jobId: string;
  token: string;
}

export type UndoReply =
  | { ok: true; undone: 'deleted' | 'restored' }
  | { ok: false; error: 'unknown sender' | 'invalid undo' | 'expired' | 'changed since capture' };

export interface LookupMessage {
  type: 'job:lookup';
  platform: Platform;
  siteJobId: string;
}

export type LookupReply = { ok: true; recorded: boolean } | { ok: false; error: 'unknown sender' | 'invalid lookup' };

/** `job:captured` replies carry an undo token when the background keeps undo state. */
export type CaptureWithUndoReply =
  | { ok: true; jobId: string; created: boolean; undoToken?: string }
  | { ok: false; error: string };

/** Asks for the active detection rules; the reply is `RulesReply` from ./content-rules. */
export interface RulesMessage {
  type: 'rules:active';
}
