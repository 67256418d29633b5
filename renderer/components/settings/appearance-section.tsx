// Settings → Appearance: light, dark, or follow the system. Applied at once and kept in the
// settings, so the next start (and every other window) uses it too.
import { useId } from 'react';
import { THEME_SETTINGS, type ThemeSetting } from '../../../shared/settings';
import { chooseTheme } from '../../services/baton-client';
import { useUiStore } from '../../stores/ui-store';
import { selectTheme } from '../../stores/ui-selectors';
import { FieldError, SavedMark, useFieldError } from './field-error';

const LABELS: Record<ThemeSetting, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function AppearanceSection() {
  const theme = useUiStore(selectTheme);
  const id = useId();
  const error = useFieldError('theme');
  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        Appearance <SavedMark section="appearance" />
      </h3>
      <fieldset className="settings-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend>Theme</legend>
        <div className="settings-row">
          {THEME_SETTINGS.map((value) => (
            <div key={value} className="settings-check">
              <input id={`${id}-${value}`} type="radio" name={`${id}-theme`} value={value} checked={theme === value} onChange={() => void chooseTheme(value)} />
              <label htmlFor={`${id}-${value}`}>{LABELS[value]}</label>
            </div>
          ))}
        </div>
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    </section>
  );
}
