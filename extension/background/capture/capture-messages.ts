import { withinBytes, type ExtensionPages } from '../messages/checks';
import type { MessageRegistry } from '../messages/registry';
import { captureWithUndo, type CaptureWithUndoDeps } from './capture-with-undo';
import { handleRulesRequest, type ContentRulesDeps } from './content-rules';
import { handleResolveDuplicate } from './duplicates';
import { handleLookup } from './job-status';
import { handleTrack } from './track';
import { handleUndo } from './undo';

/** Undo and lookup messages are tiny; anything bigger is not from our content scripts. */
const MAX_SMALL_MESSAGE_BYTES = 1024;

export interface CaptureMessageDeps extends CaptureWithUndoDeps, ExtensionPages {
  rules: ContentRulesDeps['rules'];
}

/**
 * From content scripts, all untrusted, each handler checking the sender, the
 * size and the schema before touching the database: a capture (stored, then
 * kept undoable for a minute), an undo, a lookup, the active detection rules.
 * From the extension's own pages only, each handler checking the sender
 * first: a job tracked by hand, and the answer to a duplicate notice.
 */
export function addCaptureHandlers(registry: MessageRegistry, deps: CaptureMessageDeps): void {
  registry
    .add('job:captured', (message, sender) => captureWithUndo(message, sender, deps))
    .add(
      'job:undo',
      withinBytes(MAX_SMALL_MESSAGE_BYTES, { ok: false, error: 'invalid undo' }, (message, sender) => handleUndo(message, sender, deps)),
    )
    .add(
      'job:lookup',
      withinBytes(MAX_SMALL_MESSAGE_BYTES, { ok: false, error: 'invalid lookup' }, (message, sender) => handleLookup(message, sender, deps)),
    )
    .add('rules:active', (_message, sender) => handleRulesRequest(sender, deps))
    .add('job:track', (message, sender) => handleTrack(message, sender, deps))
    .add('job:resolveDuplicate', (message, sender) => handleResolveDuplicate(message, sender, deps));
}
