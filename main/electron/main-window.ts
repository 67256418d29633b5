// The one window factory: secure webPreferences, hardened contents, renderer from app://.
// Closing the window hides it to the tray; the app keeps receiving and announcing offers.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import { hardenWebContents, lockedDownWebPreferences } from './web-contents-security';

export interface MainWindowOptions {
  preloadPath: string;
  /** True once the app is quitting for real; until then close means hide. */
  isQuitting: () => boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Baton',
    backgroundColor: '#0f172a',
    webPreferences: {
      ...lockedDownWebPreferences(options.preloadPath),
      spellcheck: true,
      // The alert chime is played by the renderer (Web Audio) for an offer nobody clicked for.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export function showWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
