// The agent's settings as the services hold them (alerts, sound, theme, hub), plus what the
// Settings screen shows about saving: errors next to the field they name, and which section was
// saved last. Actions are named as the events that cause them; renderer/services/baton-client.ts
// dispatches the ones that come from the API.
import { create } from 'zustand';
import { applySettingsPatch, type SettingsPatch, type SettingsView } from '../../shared/settings';

export type SettingsSection = 'alerts' | 'appearance' | 'hub';

export interface SettingsState {
  view: SettingsView | null;
  /** Why the settings could not be loaded (services without a settings store answer `unavailable`). */
  loadError: string | null;
  /** Error messages by field path ("alerts.reAlertIntervalMs", "hub.url"); "" holds one no field claims. */
  fieldErrors: Record<string, string>;
  saving: SettingsSection | null;
  /** The section saved last and a counter, so the same section saved twice is announced twice. */
  saved: { section: SettingsSection; seq: number } | null;

  settingsLoaded(view: SettingsView): void;
  settingsLoadFailed(message: string): void;
  /** Pushed by the services after any change (another window, the hub section, a set-aside file). */
  settingsChanged(view: SettingsView): void;
  /** Shows the change at once (a checkbox ticks when clicked); the services' answer then confirms or corrects it. */
  saveStarted(section: SettingsSection, patch: SettingsPatch): void;
  saveSucceeded(section: SettingsSection, view: SettingsView): void;
  saveFailed(section: SettingsSection, errors: Record<string, string>): void;
  fieldErrorCleared(path: string): void;
  reset(): void;
}

const initial = { view: null, loadError: null, fieldErrors: {}, saving: null, saved: null };

export const useSettingsStore = create<SettingsState>()((set) => ({
  ...initial,
  settingsLoaded: (view) => set({ view, loadError: null }),
  settingsLoadFailed: (message) => set({ loadError: message }),
  settingsChanged: (view) => set({ view }),
  saveStarted: (section, patch) =>
    set((state) => {
      if (!state.view) return { saving: section };
      // The hub fields are the services' to report (address in use, token set); the rest is shown as asked.
      const { hub: _hub, ...local } = patch;
      return { saving: section, view: { ...state.view, ...applySettingsPatch(state.view, local), hub: state.view.hub } };
    }),
  saveSucceeded: (section, view) =>
    set((state) => ({ view, saving: null, fieldErrors: {}, saved: { section, seq: (state.saved?.seq ?? 0) + 1 } })),
  saveFailed: (_section, errors) => set({ saving: null, fieldErrors: errors }),
  fieldErrorCleared: (path) =>
    set((state) => {
      if (!(path in state.fieldErrors)) return {};
      const { [path]: _gone, ...rest } = state.fieldErrors;
      return { fieldErrors: rest };
    }),
  reset: () => set(initial),
}));

/**
 * Splits a services error ("settings not saved: alerts.reAlertIntervalMs: Too small…; hub.url: …")
 * into messages by field path, so each shows next to its input.
 */
export function fieldErrorsOf(message: string, knownPaths: readonly string[]): Record<string, string> {
  const body = message.replace(/^settings:update: /, '').replace(/^settings not saved: /, '');
  const errors: Record<string, string> = {};
  for (const part of body.split('; ')) {
    const path = knownPaths.filter((p) => part.startsWith(`${p}: `)).sort((a, b) => b.length - a.length)[0];
    if (path) errors[path] = part.slice(path.length + 2);
    else errors[''] = errors[''] ? `${errors['']}; ${part}` : part;
  }
  return errors;
}
