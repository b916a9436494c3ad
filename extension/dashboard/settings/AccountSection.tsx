import { useEffect, useRef, useState } from 'react';
import { STORAGE_KEYS, type Account } from '../../background/storage';
import { useStored } from '../../ui/use-stored';
import { AccountDelete } from './AccountDelete';
import { AccountExport } from './AccountExport';
import { AccountPasswordForm } from './AccountPasswordForm';
import { AccountPreferencesForm } from './AccountPreferencesForm';
import { AccountProfileForm } from './AccountProfileForm';
import { AccountSignOutEverywhere } from './AccountSignOutEverywhere';
import './account-settings.css';

/** The signed-in person's account: profile, password, sessions, their data, deletion. */
export function AccountSection() {
  const account = useStored<Account>(STORAGE_KEYS.account);
  const [done, setDone] = useState<string>();
  const doneRef = useRef<HTMLParagraphElement>(null);
  const signedIn = account != null && !account.needsLogin;

  // The dialog that had focus is gone with the section: focus moves to what happened.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (!signedIn) {
    if (!done) return null;
    return (
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <p ref={doneRef} role="status" tabIndex={-1}>
          {done}
        </p>
      </section>
    );
  }

  return (
    <section className="card account-settings" aria-labelledby="account-heading">
      <h2 id="account-heading">Account</h2>
      <AccountProfileForm key={account.user.id} />
      <AccountPreferencesForm key={`preferences-${account.user.id}`} />
      <AccountPasswordForm />
      <AccountExport />
      <AccountSignOutEverywhere onDone={setDone} />
      <AccountDelete onDone={setDone} />
    </section>
  );
}
