// The bar across the top: who is signed in, their availability, the link's state, theme, Settings
// (Ctrl+,) and help. The Settings dialog lives here so the workspace and the supervisor view share it.
import { useEffect, useId } from 'react';
import type { PresenceReason } from '../../shared/api';
import { PRESENCES, type Presence } from '../../shared/domain';
import { chooseTheme, setPresence } from '../services/baton-client';
import { isSettingsShortcut } from '../hooks/use-keyboard-shortcuts';
import { SettingsDialog } from './settings/settings-dialog';
import { useSessionStore } from '../stores/session-store';
import { selectAgentName, selectConnection, selectMode, selectPresence, selectPresencePending, selectPresenceReason } from '../stores/session-selectors';
import { useUiStore, THEMES, type Theme } from '../stores/ui-store';
import { selectTheme } from '../stores/ui-selectors';
import { PRESENCE_LABELS } from '../format/labels';

const SELECTABLE: Presence[] = PRESENCES.filter((p) => p !== 'offline');
const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const STATUS_WORDS = { idle: 'Not connected', connecting: 'Connecting', open: 'Connected', backoff: 'Reconnecting', closed: 'Disconnected' };

export function AppHeader() {
  const agentName = useSessionStore(selectAgentName);
  const mode = useSessionStore(selectMode);
  useSettingsShortcut();
  return (
    <>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Baton</span>
          {mode === 'demo' ? <span className="badge badge-demo">Demo</span> : null}
        </div>
        <div className="header-tools">
          <ConnectionIndicator />
          <PresenceSelect />
          <span className="agent-name">{agentName ?? 'Signing in…'}</span>
          <ThemeToggle />
          <button type="button" className="button button-quiet" aria-keyshortcuts="Control+," onClick={() => useUiStore.getState().settingsToggled(true)}>
            Settings
          </button>
          <button type="button" className="button button-quiet" aria-keyshortcuts="?" onClick={() => useUiStore.getState().helpToggled(true)}>
            Shortcuts
          </button>
        </div>
      </header>
      <SettingsDialog />
    </>
  );
}

/** Ctrl+, opens Settings in the supervisor view too (the workspace's shortcut handler also knows it). */
function useSettingsShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSettingsShortcut(event)) return;
      event.preventDefault();
      useUiStore.getState().settingsToggled(true);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

function ConnectionIndicator() {
  const connection = useSessionStore(selectConnection);
  const status = connection?.status ?? 'connecting';
  return (
    <span className={`link link-${status}`}>
      <span className="link-dot" aria-hidden="true" />
      {STATUS_WORDS[status]}
    </span>
  );
}

/** Why the OS set the agent Away, as the selector says it ("Away — screen locked"). */
const PRESENCE_REASON_WORDS: Record<PresenceReason, string> = { locked: 'screen locked', suspended: 'computer asleep', idle: 'no activity' };

function PresenceSelect() {
  const presence = useSessionStore(selectPresence);
  const pending = useSessionStore(selectPresencePending);
  const reason = useSessionStore(selectPresenceReason);
  const id = useId();
  const awayLabel = reason ? `${PRESENCE_LABELS.away} — ${PRESENCE_REASON_WORDS[reason]}` : PRESENCE_LABELS.away;
  return (
    <span className="presence">
      <label htmlFor={id} className="visually-hidden">
        {reason ? `Presence: ${awayLabel}` : 'Presence'}
      </label>
      <select
        id={id}
        className={`presence-select presence-${presence ?? 'offline'}`}
        value={presence ?? ''}
        disabled={presence === null || pending}
        onChange={(e) => void setPresence(e.target.value as Presence)}
      >
        {presence === null || presence === 'offline' ? <option value={presence ?? ''}>Offline</option> : null}
        {SELECTABLE.map((p) => (
          <option key={p} value={p}>
            {p === 'away' ? awayLabel : PRESENCE_LABELS[p]}
          </option>
        ))}
      </select>
    </span>
  );
}

function ThemeToggle() {
  const theme = useUiStore(selectTheme);
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
  return (
    <button
      type="button"
      className="button button-quiet"
      aria-label={`Theme: ${THEME_LABELS[theme]}. Switch to ${THEME_LABELS[next]}`}
      onClick={() => void chooseTheme(next)}
    >
      Theme: {THEME_LABELS[theme]}
    </button>
  );
}
