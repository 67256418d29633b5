// Starts the renderer (loaded by main.tsx once the libraries it needs are evaluated). In Electron
// the preload has already put `window.baton` in place; in the browser host the web bridge creates it
// over the host's WebSocket. Everything after that is the same.
// The address picks the screen: `#/handoff-card/ID` is the always-on-top handoff card (a window of
// its own in Electron), anything else the workspace; `#/handoff/ID` shows that handoff in it.
import { StrictMode, useEffect, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { systemClock } from '../shared/clock';
import { installWebBridge } from './transport/web-bridge';
import { showHandoff, startBatonClient } from './services/baton-client';
import { startSupervisorClient } from './supervisor/supervisor-client';
import { startBrowserNotifications } from './services/browser-notifications';
import { startDraftAutosave } from './services/draft-autosave';
import { startTicking } from './stores/now-store';
import { useInboxStore } from './stores/inbox-store';
import { useUiStore } from './stores/ui-store';
import { loadSavedTheme, useTheme } from './hooks/use-theme';
import { App } from './components/app';
import { HandoffCard, handoffCardId, openedHandoffId } from './components/handoff-card';
import { AlertCardLayer } from './components/alert-card-layer';

/** Connects to the services and renders the screen the address asks for. */
export function startApp(): void {
  const bridge = installWebBridge();
  const browserHost = bridge !== null;
  // The card is one offer's window: it raises no alerts of its own.
  const cardOnly = handoffCardId(window.location.hash) !== null;
  useUiStore.getState().themeChosen(loadSavedTheme());
  const client = startBatonClient();
  const supervisorClient = startSupervisorClient();
  const stopTicking = startTicking(systemClock);
  // Receipts (seen included) come from the alert policy alone, in both hosts (main/services/alerts).
  const stopAutosave = startDraftAutosave(systemClock);
  const stopNotifications = browserHost && !cardOnly ? startBrowserNotifications() : () => undefined;

  window.addEventListener('pagehide', (event) => {
    // A page kept in the back-forward cache comes back alive: keep its connections.
    if (event.persisted) return;
    stopNotifications();
    stopAutosave();
    stopTicking();
    void client.dispose();
    void supervisorClient.dispose();
    void bridge?.dispose();
  });

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root browserHost={browserHost} />
    </StrictMode>,
  );
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function CardScreen({ handoffId }: { handoffId: string }) {
  useTheme();
  return (
    <main className="handoff-card-screen">
      <HandoffCard handoffId={handoffId} />
    </main>
  );
}

function Root({ browserHost }: { browserHost: boolean }) {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash);
  const cardId = handoffCardId(hash);
  const openId = openedHandoffId(hash);
  // `#/handoff/ID` (the card's Open, in a browser): show it once the inbox has it.
  useEffect(() => {
    if (!openId) return;
    const show = () => {
      if (!useInboxStore.getState().loaded) return false;
      showHandoff(openId);
      return true;
    };
    if (show()) return;
    const unsubscribe = useInboxStore.subscribe(() => {
      if (show()) unsubscribe();
    });
    return unsubscribe;
  }, [openId]);
  if (cardId) return <CardScreen handoffId={cardId} />;
  return (
    <>
      <App browserHost={browserHost} />
      {/* The browser host's alert ladder, step 3: the handoff card inside the page. */}
      {browserHost ? <AlertCardLayer /> : null}
    </>
  );
}
