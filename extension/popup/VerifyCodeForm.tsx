import { useState, type FormEvent } from 'react';
import type { LocalDataChoice, ReplyError } from '../background/messages/page-messages';
import { ask } from '../ui/background-client';
import { Field } from './Field';
import { RESEND_COOLDOWN_MS, useCountdown } from './use-countdown';
import { OtherAccountData } from './OtherAccountData';
import { CONSENT_DECLINED, useDataConsent } from '../ui/use-data-consent';

/** The second step of sign-up (or of signing in to an unverified account): the 6-digit code from the email. */
export function VerifyCodeForm({ email, password, sentAt, onBack }: { email: string; password: string; sentAt: number; onBack: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<ReplyError>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [lastSent, setLastSent] = useState(sentAt);
  const secondsLeft = useCountdown(lastSent + RESEND_COOLDOWN_MS);
  const consent = useDataConsent();

  /** `allowed`: Firefox's data-collection consent, asked in the click that led here. */
  async function verify(allowed: Promise<boolean>, localData?: LocalDataChoice) {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    if (!(await allowed)) {
      setBusy(false);
      setError(CONSENT_DECLINED);
      return;
    }
    const reply = await ask({ type: 'auth:verifyOtp', email, code, password, ...(localData ? { localData } : {}) });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
  }

  async function resend() {
    setBusy(true);
    setError(undefined);
    const reply = await ask({ type: 'auth:resendOtp', email });
    setBusy(false);
    if (reply.ok) {
      setLastSent(Date.now());
      setNotice('A new code is on its way. Use the newest email.');
    } else setError(reply.error);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void verify(consent.ask());
  }

  return (
    <form onSubmit={submit} aria-label="Confirm your email" noValidate>
      <p className="muted">
        We sent a 6-digit code to <strong>{email}</strong>. It is valid for 10 minutes.
      </p>
      <Field
        label="Code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        pattern="[0-9]*"
        value={code}
        error={error?.fields?.code}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
      />
      {error && (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {error?.code === 'local-data-other-account' && <OtherAccountData action="sign in" busy={busy} onWipe={() => void verify(consent.ask(), 'wipe')} />}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || code.length !== 6}>
          {busy ? 'Please wait…' : 'Verify'}
        </button>
        <button type="button" disabled={busy || secondsLeft > 0} onClick={() => void resend()}>
          {secondsLeft > 0 ? `Resend code in ${secondsLeft} s` : 'Resend code'}
        </button>
        <button type="button" className="link" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
