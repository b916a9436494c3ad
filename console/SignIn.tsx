import { useRef, useState, type FormEvent } from 'react';
import { ApiError, requestJson } from './api';
import type { AdminSession, ConsoleAdmin } from './session';
import { ErrorMessage, PageHeading } from './ui';

/**
 * Sign-in in two steps, as the server asks: email and password (the same
 * account as the extension), then a code from the authenticator app. An
 * admin without a second factor sets one up here first: a QR code (and the
 * key as text, for typing in), a first code, then the recovery codes, shown once.
 */

interface LoginAnswer {
  user: { id: string; role: string };
  accessToken: string;
  refreshToken: string;
}
interface Enrolment {
  qrCodeDataUrl: string;
  secret: string;
}

type Step =
  | { name: 'password' }
  | { name: 'code'; userToken: string; refreshToken: string }
  | { name: 'enrol'; userToken: string; refreshToken: string; enrolment: Enrolment }
  | { name: 'recovery'; session: AdminSession; recoveryCodes: string[] };

async function sessionFor(adminToken: string, refreshToken: string): Promise<AdminSession> {
  const { user } = await requestJson<{ user: ConsoleAdmin }>('GET', '/api/admin/me', adminToken);
  return { token: adminToken, refreshToken, admin: user };
}

export function SignIn({ onSignedIn, message }: { onSignedIn: (session: AdminSession) => void; message: string | null }) {
  const [step, setStep] = useState<Step>({ name: 'password' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  // Held only between the two steps: enrolment asks for the password again.
  const password = useRef('');

  async function run(task: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function signInWithPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    password.current = String(form.get('password') ?? '');
    void run(async () => {
      const login = await requestJson<LoginAnswer>('POST', '/api/auth/login', null, { email: String(form.get('email') ?? ''), password: password.current });
      if (login.user.role === 'user') {
        void requestJson('POST', '/api/auth/logout', null, { refreshToken: login.refreshToken }).catch(() => undefined);
        throw new Error('This account is not an admin of this server.');
      }
      const status = await requestJson<{ enrolled: boolean }>('GET', '/api/admin/second-factor', login.accessToken);
      if (status.enrolled) {
        password.current = '';
        setStep({ name: 'code', userToken: login.accessToken, refreshToken: login.refreshToken });
        return;
      }
      const enrolment = await requestJson<Enrolment>('POST', '/api/admin/second-factor/enrol', login.accessToken, { password: password.current });
      password.current = '';
      setStep({ name: 'enrol', userToken: login.accessToken, refreshToken: login.refreshToken, enrolment });
    });
  }

  function confirmEnrolment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step.name !== 'enrol') return;
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    void run(async () => {
      const confirmed = await requestJson<{ recoveryCodes: string[]; accessToken: string }>('POST', '/api/admin/second-factor/confirm', step.userToken, { code });
      setStep({ name: 'recovery', session: await sessionFor(confirmed.accessToken, step.refreshToken), recoveryCodes: confirmed.recoveryCodes });
    });
  }

  function checkCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step.name !== 'code') return;
    const value = String(new FormData(event.currentTarget).get('code') ?? '');
    void run(async () => {
      const answer = await requestJson<{ accessToken: string }>('POST', '/api/admin/session', step.userToken, useRecovery ? { recoveryCode: value } : { code: value });
      onSignedIn(await sessionFor(answer.accessToken, step.refreshToken));
    });
  }

  const fieldError = (field: string) => (error instanceof ApiError ? error.fields[field] : undefined);

  return (
    <main className="console-sign-in">
      <p className="console-brand">TrackRuit admin</p>
      {step.name === 'password' && (
        <form onSubmit={signInWithPassword}>
          <PageHeading>Sign in</PageHeading>
          {message && <p role="status">{message}</p>}
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="username" required aria-invalid={Boolean(fieldError('email'))} />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy}>
            Continue
          </button>
        </form>
      )}

      {step.name === 'code' && (
        <form onSubmit={checkCode} key={useRecovery ? 'recovery' : 'code'}>
          <PageHeading>Second factor</PageHeading>
          <div className="field">
            <label htmlFor="code">{useRecovery ? 'Recovery code' : 'Code from your authenticator app'}</label>
            {useRecovery ? (
              <input id="code" name="code" autoComplete="off" required minLength={10} maxLength={20} />
            ) : (
              <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required aria-describedby="code-hint" />
            )}
            {!useRecovery && (
              <p id="code-hint" className="muted">
                Six digits.
              </p>
            )}
          </div>
          <ErrorMessage error={error} />
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              Sign in
            </button>
            <button type="button" className="link" onClick={() => setUseRecovery((value) => !value)}>
              {useRecovery ? 'Use the authenticator app' : 'Use a recovery code instead'}
            </button>
          </div>
        </form>
      )}

      {step.name === 'enrol' && (
        <form onSubmit={confirmEnrolment}>
          <PageHeading>Set up your second factor</PageHeading>
          <p>Admin accounts sign in with a code from an authenticator app. Scan this QR code with the app, then enter the code it shows.</p>
          <img className="console-qr" src={step.enrolment.qrCodeDataUrl} width={200} height={200} alt="QR code to add this account to an authenticator app" />
          <p>
            Or type this key into the app: <code data-testid="totp-secret">{step.enrolment.secret}</code>
          </p>
          <div className="field">
            <label htmlFor="code">Code from your authenticator app</label>
            <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required />
          </div>
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy}>
            Confirm
          </button>
        </form>
      )}

      {step.name === 'recovery' && (
        <section>
          <PageHeading>Save your recovery codes</PageHeading>
          <p>Each code signs you in once if you lose the authenticator app. They are shown only now: keep them somewhere safe.</p>
          <ul className="console-recovery-codes" aria-label="Recovery codes">
            {step.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => onSignedIn(step.session)}>
            I have saved them: open the console
          </button>
        </section>
      )}
    </main>
  );
}
