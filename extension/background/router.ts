import type { CaptureDeps } from './capture/capture';
import { handleCapture } from './capture/capture';
import { routeContentMessage, type ContentMessageDeps } from './capture/content-messages';
import { handleResolveDuplicate } from './capture/duplicates';
import type { AccountService } from './account/account';
import { pageMessageSchema, type Reply } from './messages/page-messages';
import { handleOidcMessage, isOidcMessage } from './account/oidc-sign-in';
import { isExtensionPage, type MessageSender } from './messages/sender';
import type { SyncController } from './sync/controller';
import { handleTrack } from './capture/track';

export interface RouterDeps {
  capture: CaptureDeps;
  account: AccountService;
  sync: SyncController;
  /** `browser.runtime.getURL('/')`: only pages under it may manage the account. */
  extensionOrigin: string;
  /** Captures with undo, undo and lookup for content scripts; without it, captures are stored with no undo. */
  content?: ContentMessageDeps;
}

function typeOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
}

/**
 * Answers one runtime message, or returns undefined for messages that are not
 * for the background (so other listeners may answer them).
 */
export function routeMessage(message: unknown, sender: MessageSender, deps: RouterDeps): Promise<unknown> | undefined {
  const fromContent = deps.content ? routeContentMessage(message, sender, deps.content) : undefined;
  if (fromContent) return fromContent;
  if (typeOf(message) === 'job:captured') return handleCapture(message, sender, deps.capture);
  // Extension pages only; each handler checks the sender before anything else.
  const pageDeps = { ...deps.capture, extensionOrigin: deps.extensionOrigin };
  if (typeOf(message) === 'job:track') return handleTrack(message, sender, pageDeps);
  if (typeOf(message) === 'job:resolveDuplicate') return handleResolveDuplicate(message, sender, pageDeps);

  if (isOidcMessage(message)) return handleOidcMessage(message, sender, { account: deps.account, runtimeId: deps.capture.runtimeId, extensionOrigin: deps.extensionOrigin });
  const parsed = pageMessageSchema.safeParse(message);
  if (!parsed.success) return undefined;
  if (!isExtensionPage(sender, deps.capture.runtimeId, deps.extensionOrigin)) {
    return Promise.resolve({ ok: false, error: { message: 'Not allowed from here.' } } satisfies Reply);
  }
  const request = parsed.data;
  switch (request.type) {
    case 'auth:register':
      return deps.account.register(request);
    case 'auth:login':
      return deps.account.login(request);
    case 'auth:verifyOtp':
      return deps.account.verifyOtp(request);
    case 'auth:resendOtp':
      return deps.account.resendOtp(request.email);
    case 'auth:forgotPassword':
      return deps.account.forgotPassword(request.email);
    case 'auth:resetPassword':
      return deps.account.resetPassword(request);
    case 'auth:logout':
      return deps.account.logout(request.localData);
    case 'auth:state':
      return deps.account.state().then((state) => ({ ok: true, ...state }));
    case 'settings:setServerUrl':
      return deps.account.setServerUrl(request.serverUrl);
    case 'sync:now':
      return deps.sync.reSync().then(() => ({ ok: true }));
    case 'sync:localWrites':
      return deps.sync.localWrites(request.ids).then(() => ({ ok: true }));
    case 'account:profile':
      return deps.account.settings.profile();
    case 'account:updateProfile':
      return deps.account.settings.updateProfile(request);
    case 'account:changePassword':
      return deps.account.settings.changePassword(request);
    case 'account:logoutEverywhere':
      return deps.account.settings.logoutEverywhere(request.localData);
    case 'account:export':
      return deps.account.settings.exportData();
    case 'account:delete':
      return deps.account.settings.deleteAccount(request);
  }
}
