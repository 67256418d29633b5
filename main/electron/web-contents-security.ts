// Electron's security checklist in one place (Element's webcontents-handler.ts): no new windows,
// no navigation away from the app, no <webview>, every permission request denied, and links to
// the outside world opened in the system browser only when they are plainly https or mailto.
import { shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl } from './app-protocol';

/** Re-formats a URL and returns it only if it is https: or mailto:; everything else is refused. */
export function safeExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'mailto:') return null;
  if (url.username || url.password) return null;
  return url.toString();
}

/**
 * The renderer's sandbox, the same for every Baton window: only the preload bridge, no Node, no
 * <webview>. Not throttled in the background, because alerts must fire while a window is hidden.
 */
export function lockedDownWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    backgroundThrottling: false,
  };
}

export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
