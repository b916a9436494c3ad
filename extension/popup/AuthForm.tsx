import { useState, type FormEvent } from 'react';
import type { LocalDataChoice, ReplyError } from '../background/messages/page-messages';
import { ask } from '../ui/background-client';
import { Field } from './Field';
import { OidcSignIn } from './OidcSignIn';
import { ResetPasswordForm } from './ResetPasswordForm';
import { VerifyCodeForm } from './VerifyCodeForm';
import { OtherAccountData } from './OtherAccountData';
import { CONSENT_DECLINED, useDataConsent } from '../ui/use-data-consent';

type Mode = 'login' | 'register' | 'verify' | 'reset';

/** Sign in or create an account on the configured server. */
export function AuthForm({ defaultEmail, disabled }: { defaultEmail?: string | undefined; disabled?: boolean }) {
  const [mode, setMode] = useState<Mode>('login');
  const [name, setName] = useState('');
  const [email, setEmail] = useState(defaultEmail ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ReplyError>();
  const [busy, setBusy] = useState(false);
  const [codeSentAt, setCodeSentAt] = useState(0);
  // Sent with the code, so a code mailed for someone else's registration of this address cannot activate it.
  const [codePassword, setCodePassword] = useState('');
  const [notice, setNotice] = useState<string>();
  const consent = useDataConsent();

  /** `allowed`: Firefox's data-collection consent, asked in the click that led here. */
  async function send(allowed: Promise<boolean>, localData?: LocalDataChoice) {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    if (!(await allowed)) {
      setBusy(false);
      setError(CONSENT_DECLINED);
      return;
    }
    const choice = localData ? { localData } : {};
    if (mode === 'register') {
      const reply = await ask({ type: 'auth:register', name, email, password, ...choice });
      setBusy(false);
      if (reply.ok) showCodeStep();
      else setError(reply.error);
      return;
    }
    const reply = await ask({ type: 'auth:login', email, password, ...choice });
    setBusy(false);
    if (reply.ok) setPassword('');
    // The password was right; the server has mailed a code for the address.
    else if (reply.error.code === 'email-not-verified') showCodeStep();
    else setError(reply.error);
  }

  function showCodeStep() {
    setCodePassword(password);
    setPassword('');
    setCodeSentAt(Date.now());
    setMode('verify');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void send(consent.ask());
  }

  function switchTo(next: Mode) {
    setMode(next);
    setError(undefined);
    setNotice(undefined);
  }

  if (mode === 'verify') return <VerifyCodeForm email={email} password={codePassword} sentAt={codeSentAt} onBack={() => switchTo('login')} />;
  if (mode === 'reset') {
    return (
      <ResetPasswordForm
        defaultEmail={email}
        onBack={() => switchTo('login')}
        onDone={(resetEmail) => {
          setEmail(resetEmail);
          switchTo('login');
          setNotice('Password changed. Sign in with the new password.');
        }}
      />
    );
  }

  const fieldError = (field: string) => error?.fields?.[field];
  const registering = mode === 'register';

  return (
    <form onSubmit={submit} aria-label={registering ? 'Create account' : 'Sign in'} noValidate>
      {registering && (
        <Field
          label="Name"
          autoComplete="name"
          value={name}
          error={fieldError('name')}
          onChange={(event) => setName(event.target.value)}
        />
      )}
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        error={fieldError('email')}
        onChange={(event) => setEmail(event.target.value)}
      />
      <Field
        label="Password"
        type="password"
        autoComplete={registering ? 'new-password' : 'current-password'}
        value={password}
        error={fieldError('password')}
        onChange={(event) => setPassword(event.target.value)}
      />
      {error && (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {error?.code === 'local-data-other-account' && (
        <OtherAccountData action={registering ? 'create the account' : 'sign in'} busy={busy} onWipe={() => void send(consent.ask(), 'wipe')} onCancel={() => setError(undefined)} />
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || disabled}>
          {busy ? 'Please wait…' : registering ? 'Create account' : 'Sign in'}
        </button>
        <button type="button" className="link" onClick={() => switchTo(registering ? 'login' : 'register')}>
          {registering ? 'I have an account' : 'Create an account'}
        </button>
        {!registering && (
          <button type="button" className="link" onClick={() => switchTo('reset')}>
            Forgot password?
          </button>
        )}
      </div>
      <OidcSignIn disabled={disabled} />
    </form>
  );
}
