// Renderer entry. In Electron the preload has already put `window.baton` in place; in the browser
// host the web bridge creates it over the host's WebSocket. Everything after that is the same.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { systemClock } from '../shared/clock';
import { installWebBridge } from './transport/web-bridge';
import { startBatonClient } from './services/baton-client';
import { startSupervisorClient } from './supervisor/supervisor-client';
import { startSeenReceipts } from './services/offer-receipts';
import { startBrowserNotifications } from './services/browser-notifications';
import { startDraftAutosave } from './services/draft-autosave';
import { startTicking } from './stores/now-store';
import { useUiStore } from './stores/ui-store';
import { loadSavedTheme } from './hooks/use-theme';
import { App } from './components/app';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';

const bridge = installWebBridge();
const browserHost = bridge !== null;
useUiStore.getState().themeChosen(loadSavedTheme());
const client = startBatonClient();
const supervisorClient = startSupervisorClient();
const stopTicking = startTicking(systemClock);
const stopReceipts = startSeenReceipts();
const stopAutosave = startDraftAutosave(systemClock);
const stopNotifications = browserHost ? startBrowserNotifications() : () => undefined;

window.addEventListener('pagehide', (event) => {
  // A page kept in the back-forward cache comes back alive: keep its connections.
  if (event.persisted) return;
  stopNotifications();
  stopReceipts();
  stopAutosave();
  stopTicking();
  void client.dispose();
  void supervisorClient.dispose();
  void bridge?.dispose();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App browserHost={browserHost} />
  </StrictMode>,
);
