import { useEffect, useId, useState } from 'react';
import { DEFAULT_REMINDER_SETTINGS, NO_RESPONSE_DAYS } from '../../../shared/reminders/settings';
import { usePreference } from './use-preference';

/** Each change is saved at once; the background reads the settings on its next check, which the change triggers. */
export function ReminderSettingsForm() {
  const [stored, setSettings] = usePreference('reminders');
  const settings = stored ?? DEFAULT_REMINDER_SETTINGS;
  const [days, setDays] = useState(String(settings.noResponseDays));
  const daysId = useId();
  const hintId = `${daysId}-hint`;

  useEffect(() => setDays(String(settings.noResponseDays)), [settings.noResponseDays]);

  const value = Number(days);
  const valid = Number.isInteger(value) && value >= NO_RESPONSE_DAYS.min && value <= NO_RESPONSE_DAYS.max;

  return (
    <section className="card" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Reminders</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.followUps}
          disabled={stored === undefined}
          onChange={(event) => void setSettings({ ...settings, followUps: event.target.checked })}
        />
        Notify me when a follow-up date comes
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.noResponse}
          disabled={stored === undefined}
          onChange={(event) => void setSettings({ ...settings, noResponse: event.target.checked })}
        />
        Nudge me when an application gets no answer
      </label>
      <div className="field inline-field">
        <label htmlFor={daysId}>Days without an answer before a nudge</label>
        <input
          id={daysId}
          type="number"
          inputMode="numeric"
          min={NO_RESPONSE_DAYS.min}
          max={NO_RESPONSE_DAYS.max}
          value={days}
          disabled={stored === undefined || !settings.noResponse}
          aria-invalid={valid ? undefined : true}
          aria-describedby={hintId}
          onChange={(event) => {
            setDays(event.target.value);
            const next = Number(event.target.value);
            if (Number.isInteger(next) && next >= NO_RESPONSE_DAYS.min && next <= NO_RESPONSE_DAYS.max) void setSettings({ ...settings, noResponseDays: next });
          }}
        />
        <p id={hintId} className={valid ? 'muted' : 'field-error'}>
          {valid
            ? `Only for applications still marked Applied; each gets one nudge.`
            : `Enter a whole number of days from ${NO_RESPONSE_DAYS.min} to ${NO_RESPONSE_DAYS.max}.`}
        </p>
      </div>
    </section>
  );
}
