import { usePreference } from './use-preference';

/** Pauses background sync without signing out; the background follows the stored switch. */
export function SyncSwitch() {
  const [enabled, setEnabled] = usePreference('syncEnabled');
  return (
    <section className="card" aria-labelledby="auto-sync-heading">
      <h2 id="auto-sync-heading">Automatic sync</h2>
      <label className="check">
        <input type="checkbox" checked={enabled ?? true} disabled={enabled === undefined} onChange={(event) => void setEnabled(event.target.checked)} />
        Sync with the server while signed in
      </label>
      <p className="muted">
        {enabled === false
          ? 'Sync is paused: changes stay on this device until you switch it back on.'
          : 'Changes reach your server within seconds when it can be reached.'}
      </p>
    </section>
  );
}
