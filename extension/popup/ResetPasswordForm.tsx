import { useState, type FormEvent } from 'react';
import type { ReplyError } from '../background/messages/page-messages';
import { ask } from '../ui/background-client';
import { Field } from './Field';
import { RESEND_COOLDOWN_MS, useCountdown } from './use-countdown';
import { CONSENT_DECLINED, useDataConsent } from '../ui/use-data-consent';

/** "Forgot password": ask for a code by email, then set a new password with it. */
export function ResetPasswordForm({ defaultEmail, onDone, onBack }: { defaultEmail: string; onDone: (email: string) => void; onBack: () => void }) {
  const [email, setEmail] = useState(defaultEmail);
  const [sentAt, setSentAt] = useState<number>();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ReplyError>();
  const [busy, setBusy] = useState(false);
  const secondsLeft = useCountdown((sentAt ?? 0) + RESEND_COOLDOWN_MS);
  const consent = useDataConsent();

  /** `allowed`: Firefox's data-collection consent (the email goes to the server), asked in the click. */
  async function requestCode(allowed: Promise<boolean>) {
    setBusy(true);
    setError(undefined);
    if (!(await allowed)) {
      setBusy(false);
      setError(CONSENT_DECLINED);
      return;
    }
    const reply = await ask({ type: 'auth:forgotPassword', email });
    setBusy(false);
    if (reply.ok) setSentAt(Date.now());
    else setError(reply.error);
  }

  async function reset() {
    setBusy(true);
    setError(undefined);
    const reply = await ask({ type: 'auth:resetPassword', email, code, password });
    setBusy(false);
    if (reply.ok) onDone(email);
    else setError(reply.error);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void (sentAt === undefined ? requestCode(consent.ask()) : reset());
  }

  const fieldError = (field: string) => error?.fields?.[field];
  return (
    <form onSubmit={submit} aria-label="Reset password" noValidate>
      <Field label="Email" type="email" autoComplete="email" value={email} error={fieldError('email')} readOnly={sentAt !== undefined} onChange={(event) => setEmail(event.target.value)} />
      {sentAt !== undefined && (
        <>
          <p className="muted">If {email} has an account, a 6-digit reset code is on its way.</p>
          <Field
            label="Code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            error={fieldError('code')}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
          />
          <Field label="New password" type="password" autoComplete="new-password" value={password} error={fieldError('password')} onChange={(event) => setPassword(event.target.value)} />
        </>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Please wait…' : sentAt === undefined ? 'Send reset code' : 'Set new password'}
        </button>
        {sentAt !== undefined && (
          <button type="button" disabled={busy || secondsLeft > 0} onClick={() => void requestCode(consent.ask())}>
            {secondsLeft > 0 ? `Resend code in ${secondsLeft} s` : 'Resend code'}
          </button>
        )}
        <button type="button" className="link" onClick={onBack}>
          Back to sign in
        </button>
      </div>
    </form>
  );
}
