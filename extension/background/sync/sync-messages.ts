import { pageMessageAdder, type ExtensionPages } from '../messages/checks';
import type { MessageRegistry } from '../messages/registry';
import type { SyncController } from './controller';

export interface SyncMessageDeps extends ExtensionPages {
  sync: SyncController;
}

/** "Sync now", and the ids of local writes a page made: counted as waiting, with sync woken to push them. */
export function addSyncHandlers(registry: MessageRegistry, deps: SyncMessageDeps): void {
  const page = pageMessageAdder(registry, deps);
  page('sync:now', () => deps.sync.reSync().then(() => ({ ok: true })));
  page('sync:localWrites', (request) => deps.sync.localWrites(request.ids).then(() => ({ ok: true })));
}
