import { THEMES, type Theme } from '../../background/preferences';
import { usePreference } from './use-preference';

const LABELS: Record<Theme, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

export function ThemeChoice() {
  const [theme, setTheme] = usePreference('theme');
  return (
    <section className="card" aria-labelledby="theme-heading">
      <h2 id="theme-heading">Appearance</h2>
      <fieldset className="choices">
        <legend>Theme</legend>
        {THEMES.map((choice) => (
          <label key={choice} className="check">
            <input type="radio" name="theme" value={choice} checked={(theme ?? 'system') === choice} onChange={() => void setTheme(choice)} />
            {LABELS[choice]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
