import { useCallback, useEffect, useState } from 'react';
import { ANALYTICS_OPT_OUT, analyticsOptedOut, WEEKLY_SUMMARY, wantsWeeklySummary, type AccountSwitch } from '../../../shared/account/preferences';
import type { PreferencesAnswer } from '../../background/account/account-settings';
import { ask } from '../../ui/background-client';
import { AccountMessages } from './AccountMessages';

function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The account's switches kept on the server: sharing with the server's
 * anonymous statistics and the weekly mail. They live on the server (the
 * scheduler and the aggregation read them there), so while it cannot be
 * reached they are shown as last fetched and cannot be changed, saying why:
 * a click never looks applied when it was not.
 */
export function AccountPreferencesForm() {
  const [answer, setAnswer] = useState<PreferencesAnswer>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  // The switch as clicked while the server is asked; the server's answer replaces it (or puts it back).
  const [pending, setPending] = useState<{ key: AccountSwitch; value: boolean }>();

  const load = useCallback(async () => {
    const reply = await ask<PreferencesAnswer>({ type: 'account:preferences' });
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    setError(undefined);
    setAnswer(reply);
  }, []);

  useEffect(() => {
    void load();
    // Back online: fetch again, so the switches can be used without reopening Settings.
    const onOnline = () => void load();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [load]);

  async function change(key: AccountSwitch, value: boolean, saved: string) {
    setPending({ key, value });
    setStatus(undefined);
    setError(undefined);
    const reply = await ask<PreferencesAnswer>({ type: 'account:setPreference', key, value });
    setPending(undefined);
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    setAnswer(reply);
    setStatus(reply.offline ? undefined : saved);
  }

  const offline = answer?.offline === true;
  const included = pending?.key === ANALYTICS_OPT_OUT ? !pending.value : answer ? !analyticsOptedOut(answer.preferences) : true;
  const weekly = pending?.key === WEEKLY_SUMMARY ? pending.value : answer ? wantsWeeklySummary(answer.preferences) : false;
  const disabled = !answer || offline || pending !== undefined;

  return (
    <form aria-labelledby="account-preferences-heading" onSubmit={(event) => event.preventDefault()}>
      <h3 id="account-preferences-heading">Statistics and mail</h3>
      {offline && (
        <p className="muted" data-testid="account-preferences-offline">
          Your server can&apos;t be reached, so these can&apos;t be changed now: they are kept on the server.
          {answer.fetchedAt ? ` Shown as they were on ${formatDate(answer.fetchedAt)}.` : ' They have not been loaded on this device yet.'}
          {' '}They can be changed again once you&apos;re online.
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={included}
          disabled={disabled}
          aria-describedby="analytics-hint"
          onChange={(event) => void change(ANALYTICS_OPT_OUT, !event.target.checked, event.target.checked ? 'Your applications count in the statistics again.' : 'Your applications are left out of the statistics from now on.')}
        />
        Include my applications in my server&apos;s anonymous statistics
      </label>
      <p id="analytics-hint" className="muted">
        Only counts over groups of people, never your jobs themselves; small groups are hidden. The figures shown to you about companies and sites come from these statistics.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={weekly}
          disabled={disabled}
          onChange={(event) => void change(WEEKLY_SUMMARY, event.target.checked, event.target.checked ? 'Weekly summary on: it arrives once a week.' : 'Weekly summary off.')}
        />
        Send me a weekly summary by email
      </label>
      {!answer && !error && <p className="muted">Loading…</p>}
      <AccountMessages status={status} error={error} />
    </form>
  );
}
