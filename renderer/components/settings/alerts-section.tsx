// Settings → Alerts: sound (on/off, which, how loud, a test), notifications, how often a waiting
// offer alerts again, and quiet hours (do not disturb) with P1 breaking through. Each change is
// saved as it is made; numbers when the field is left or Enter is pressed.
import { useEffect, useId, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { ALERT_SOUNDS, type AlertSoundChoice, type SettingsPatch, type SettingsView } from '../../../shared/settings';
import { playAlertSound } from '../../services/alert-sound';
import { saveSettings } from '../../services/baton-client';
import { useSettingsStore } from '../../stores/settings-store';
import { FieldError, SavedMark, useFieldError } from './field-error';

const SOUND_LABELS: Record<AlertSoundChoice, string> = { chime: 'Chime', bell: 'Bell', soft: 'Soft' };

const save = (patch: SettingsPatch) => saveSettings('alerts', patch);

export function AlertsSection({ view }: { view: SettingsView }) {
  const { alerts, sound } = view;
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        Alerts <SavedMark section="alerts" />
      </h3>
      <Checkbox path="alerts.sound" label="Play a sound for new offers and messages" checked={alerts.sound} onChange={(on) => save({ alerts: { sound: on } })} />
      <div className="settings-row">
        <SoundChoice value={sound.choice} />
        <VolumeSlider value={sound.volume} />
        <TestSound />
      </div>
      <Checkbox
        path="alerts.osNotifications"
        label="Show a notification when Baton is not in front"
        checked={alerts.osNotifications}
        onChange={(on) => save({ alerts: { osNotifications: on } })}
      />
      <ReAlertInterval ms={alerts.reAlertIntervalMs} />
      <fieldset className="settings-fieldset">
        <legend>Quiet hours (do not disturb)</legend>
        <p className="settings-hint">No sound and no notifications in these hours; offers still appear in the inbox and its count.</p>
        <Checkbox
          path="alerts.doNotDisturb.enabled"
          label="Quiet hours on"
          checked={alerts.doNotDisturb.enabled}
          onChange={(on) => save({ alerts: { doNotDisturb: { enabled: on } } })}
        />
        <div className="settings-row">
          <TimeField path="alerts.doNotDisturb.from" label="From" value={alerts.doNotDisturb.from} which="from" />
          <TimeField path="alerts.doNotDisturb.to" label="To" value={alerts.doNotDisturb.to} which="to" />
        </div>
        <Checkbox
          path="alerts.doNotDisturb.p1BreaksThrough"
          label="P1 handoffs still alert during quiet hours"
          checked={alerts.doNotDisturb.p1BreaksThrough}
          onChange={(on) => save({ alerts: { doNotDisturb: { p1BreaksThrough: on } } })}
        />
      </fieldset>
    </section>
  );
}

function Checkbox({ path, label, checked, onChange }: { path: string; label: string; checked: boolean; onChange(on: boolean): void }) {
  const id = useId();
  const error = useFieldError(path);
  return (
    <div className="settings-field settings-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function SoundChoice({ value }: { value: AlertSoundChoice }) {
  const id = useId();
  const error = useFieldError('sound.choice');
  return (
    <div className="settings-field">
      <label htmlFor={id}>Sound</label>
      <select id={id} value={value} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => void save({ sound: { choice: e.target.value as AlertSoundChoice } })}>
        {ALERT_SOUNDS.map((choice) => (
          <option key={choice} value={choice}>
            {SOUND_LABELS[choice]}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Follows the thumb while it moves; saves once it is let go (not a file write per pixel). */
function VolumeSlider({ value }: { value: number }) {
  const id = useId();
  const error = useFieldError('sound.volume');
  const [draft, setDraft] = useState(value);
  // A change from elsewhere (another window) moves the thumb; the input keeps its focus.
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft !== value) void save({ sound: { volume: draft } });
  };
  return (
    <div className="settings-field">
      <label htmlFor={id}>Volume</label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        step={5}
        value={draft}
        aria-valuetext={`${draft} %`}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <span className="settings-value" aria-hidden="true">
        {draft} %
      </span>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function TestSound() {
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const test = async () => {
    const { choice, volume } = useSettingsStore.getState().view?.sound ?? { choice: 'chime' as const, volume: 70 };
    const played = await playAlertSound(choice, 'offer', volume);
    setProblem(played ? null : volume === 0 ? 'The volume is at 0 %.' : 'This window cannot play sound (no audio output, or sound is blocked).');
  };
  return (
    <div className="settings-field">
      <button type="button" className="button" aria-describedby={problem ? id : undefined} onClick={() => void test()}>
        Test sound
      </button>
      {problem ? (
        <p id={id} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function ReAlertInterval({ ms }: { ms: number }) {
  const id = useId();
  const serverError = useFieldError('alerts.reAlertIntervalMs');
  const [draft, setDraft] = useState(String(ms / 1000));
  const [localError, setLocalError] = useState<string | null>(null);
  useEffect(() => setDraft(String(ms / 1000)), [ms]);
  const error = localError ?? serverError;
  const commit = () => {
    const seconds = Number(draft);
    if (!Number.isInteger(seconds) || seconds < 3 || seconds > 300) {
      setLocalError('Enter a whole number of seconds from 3 to 300.');
      return;
    }
    setLocalError(null);
    if (seconds * 1000 !== ms) void save({ alerts: { reAlertIntervalMs: seconds * 1000 } });
  };
  const onKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };
  return (
    <div className="settings-field">
      <label htmlFor={id}>Alert again every (seconds) while an offer waits</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={3}
        max={300}
        step={1}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function TimeField({ path, label, value, which }: { path: string; label: string; value: string; which: 'from' | 'to' }) {
  const id = useId();
  const error = useFieldError(path);
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="time"
        // Uncontrolled: a half-typed time reads as "" and must not be reset under the agent's fingers.
        key={value}
        defaultValue={value}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          // A time input reports "" while half typed; only whole times are saved.
          if (/^\d\d:\d\d$/.test(e.target.value) && e.target.value !== value) void save({ alerts: { doNotDisturb: { [which]: e.target.value } } });
        }}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
