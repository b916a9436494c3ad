import { addAccountHandlers } from './account/account-messages';
import type { AccountService } from './account/account';
import { addCaptureHandlers, type CaptureMessageDeps } from './capture/capture-messages';
import type { ExtensionPages } from './messages/checks';
import { MessageRegistry } from './messages/registry';
import { addCommunityHandlers } from './community/community-messages';
import { addMlHandlers } from './ml/ml-messages';
import type { MlMessageDeps } from './ml/ml-messages';
import { addSyncHandlers } from './sync/sync-messages';
import type { SyncController } from './sync/controller';

export interface BackgroundMessageDeps {
  pages: ExtensionPages;
  account: AccountService;
  sync: SyncController;
  capture: Omit<CaptureMessageDeps, keyof ExtensionPages>;
  ml: MlMessageDeps;
}

/** Every message the background answers: each part adds its own handlers. */
export function backgroundMessages(deps: BackgroundMessageDeps): MessageRegistry {
  const registry = new MessageRegistry();
  addCaptureHandlers(registry, { ...deps.capture, ...deps.pages });
  addAccountHandlers(registry, { account: deps.account, ...deps.pages });
  addSyncHandlers(registry, { sync: deps.sync, ...deps.pages });
  addMlHandlers(registry, { ...deps.ml, ...deps.pages });
  // Like ML: the server's answers for an open page, with the same store and fetch.
  addCommunityHandlers(registry, { ...deps.ml, ...deps.pages });
  return registry;
}
