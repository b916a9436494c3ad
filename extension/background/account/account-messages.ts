import { pageMessageAdder, type ExtensionPages } from '../messages/checks';
import type { MessageHandler, MessageRegistry } from '../messages/registry';
import type { AccountService } from './account';
import { handleOidcMessage } from './oidc-sign-in';

export interface AccountMessageDeps extends ExtensionPages {
  account: AccountService;
}

/** Sign-in, sign-up, sign-out, the server address and the account's settings: from the extension's own pages only. */
export function addAccountHandlers(registry: MessageRegistry, deps: AccountMessageDeps): void {
  const { account } = deps;
  const page = pageMessageAdder(registry, deps);
  page('auth:register', (request) => account.register(request));
  page('auth:login', (request) => account.login(request));
  page('auth:verifyOtp', (request) => account.verifyOtp(request));
  page('auth:resendOtp', (request) => account.resendOtp(request.email));
  page('auth:forgotPassword', (request) => account.forgotPassword(request.email));
  page('auth:resetPassword', (request) => account.resetPassword(request));
  page('auth:logout', (request) => account.logout(request.localData));
  page('auth:state', () => account.state().then((state) => ({ ok: true, ...state })));
  page('settings:setServerUrl', (request) => account.setServerUrl(request.serverUrl));
  page('account:profile', () => account.settings.profile());
  page('account:preferences', () => account.settings.preferences());
  page('account:setPreference', (request) => account.settings.setPreference(request.key, request.value));
  page('account:updateProfile', (request) => account.settings.updateProfile(request));
  page('account:changePassword', (request) => account.settings.changePassword(request));
  page('account:logoutEverywhere', (request) => account.settings.logoutEverywhere(request.localData));
  page('account:export', () => account.settings.exportData());
  page('account:delete', (request) => account.settings.deleteAccount(request));

  // Unlike the messages above, a malformed OIDC message from a page is answered, with "Malformed request.".
  const oidc: MessageHandler = (message, sender) =>
    handleOidcMessage(message, sender, { account, runtimeId: deps.runtimeId, extensionOrigin: deps.extensionOrigin });
  registry.add('auth:oidcProviders', oidc).add('auth:oidcSignIn', oidc);
}
