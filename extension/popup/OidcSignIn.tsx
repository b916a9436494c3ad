import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { LocalDataChoice, Reply, ReplyError } from '../background/messages/page-messages';
import type { OidcMessage, OidcProviderInfo } from '../background/account/oidc-sign-in';
import { STORAGE_KEYS } from '../background/storage';
import { OtherAccountData } from './OtherAccountData';
import { CONSENT_DECLINED, useDataConsent } from '../ui/use-data-consent';

async function askOidc<T extends object>(message: OidcMessage): Promise<Reply<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
    return reply ?? { ok: false, error: { message: 'The extension did not answer. Try again.' } };
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : 'The extension did not answer.' } };
  }
}

/**
 * "Continue with Google", shown only when the server has an OpenID provider
 * configured. The background runs the provider's pages in a browser window
 * and signs in; the popup follows the stored account like any sign-in.
 */
export function OidcSignIn({ disabled }: { disabled?: boolean | undefined }) {
  const [provider, setProvider] = useState<OidcProviderInfo>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReplyError>();
  const consent = useDataConsent();

  useEffect(() => {
    let live = true;
    const check = () =>
      void askOidc<{ oidc: OidcProviderInfo }>({ type: 'auth:oidcProviders' }).then((reply) => {
        if (live) setProvider(reply.ok ? reply.oidc : undefined);
      });
    // Asked again when the server address changes: the button belongs to that server.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && STORAGE_KEYS.serverUrl in changes) check();
    };
    check();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  if (!provider?.enabled) return null;
  const name = provider.name ?? 'your provider';

  /** `allowed`: Firefox's data-collection consent, asked in the click that led here. */
  async function start(allowed: Promise<boolean>, localData?: LocalDataChoice) {
    setBusy(true);
    setError(undefined);
    if (!(await allowed)) {
      setBusy(false);
      setError(CONSENT_DECLINED);
      return;
    }
    const reply = await askOidc({ type: 'auth:oidcSignIn', ...(localData ? { localData } : {}) });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
  }

  return (
    <div className="oidc-sign-in" role="group" aria-label={`Sign in with ${name}`}>
      <div className="row">
        <button type="button" disabled={busy || disabled} onClick={() => void start(consent.ask())}>
          {busy ? `Waiting for ${name}…` : `Continue with ${name}`}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      )}
      {error?.code === 'local-data-other-account' && (
        <OtherAccountData action={`continue with ${name}`} busy={busy} onWipe={() => void start(consent.ask(), 'wipe')} onCancel={() => setError(undefined)} />
      )}
    </div>
  );
}
