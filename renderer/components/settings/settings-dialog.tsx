// Settings (Ctrl+, or the header's Settings button): a modal dialog with the agent's alerts, theme,
// hub connection, models and reply library. Focus moves in, stays in (Tab wraps), Escape closes,
// and focus goes back to whatever opened it. Changes are saved as they are made; a saved change is
// announced through the live region.
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { loadSettings } from '../../services/baton-client';
import { useSettingsStore, type SettingsSection } from '../../stores/settings-store';
import { useUiStore } from '../../stores/ui-store';
import { selectSettingsOpen } from '../../stores/ui-selectors';
import { ModelsSection } from './models-section';
import { RepliesSection } from './replies-section';
import { AlertsSection } from './alerts-section';
import { AppearanceSection } from './appearance-section';
import { HubSection } from './hub-section';
import './settings.css';

const SECTION_NAMES: Record<SettingsSection, string> = { alerts: 'Alert settings', appearance: 'Theme', hub: 'Hub connection' };

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function SettingsDialog() {
  const open = useUiStore(selectSettingsOpen);
  return open ? <OpenSettingsDialog /> : null;
}

function close() {
  useUiStore.getState().settingsToggled(false);
}

function OpenSettingsDialog() {
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const view = useSettingsStore((s) => s.view);
  const loadError = useSettingsStore((s) => s.loadError);
  const unclaimedError = useSettingsStore((s) => s.fieldErrors[''] ?? null);
  useSavedAnnouncements();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    // Settings may have changed elsewhere (another window) or failed to load at start.
    void loadSettings();
    return () => {
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusables = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'));
    if (focusables.length === 0) return;
    const first = focusables[0]!;
    const last = focusables[focusables.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !dialogRef.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialogRef.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="overlay" onClick={close}>
      <div
        ref={dialogRef}
        className="dialog settings-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-heading"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <div className="settings-titlebar">
          <h2 id="settings-heading">Settings</h2>
          <button ref={closeRef} type="button" className="button" onClick={close} aria-keyshortcuts="Escape">
            Close
          </button>
        </div>
        <div className="settings-body">
          {view?.notice ? (
            <p className="settings-notice" role="alert">
              {view.notice}
            </p>
          ) : null}
          {unclaimedError ? (
            <p className="field-error" role="alert">
              Not saved: {unclaimedError}
            </p>
          ) : null}
          {view ? (
            <>
              <AlertsSection view={view} />
              <AppearanceSection />
              <HubSection view={view} />
            </>
          ) : loadError ? (
            <div className="settings-notice" role="alert">
              <p>Settings could not be loaded: {loadError}</p>
              <button type="button" className="button" onClick={() => void loadSettings()}>
                Try again
              </button>
              <AppearanceSection />
            </div>
          ) : (
            <p>Loading settings…</p>
          )}
          <ModelsSection />
          <RepliesSection />
        </div>
      </div>
    </div>
  );
}

/** "Alert settings saved" through the live region each time a section is saved. */
function useSavedAnnouncements() {
  const saved = useSettingsStore((s) => s.saved);
  const first = useRef(saved?.seq ?? 0);
  useEffect(() => {
    if (!saved || saved.seq === first.current) return;
    useUiStore.getState().announced(`${SECTION_NAMES[saved.section]} saved`);
  }, [saved]);
}
