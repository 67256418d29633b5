// Glue for baton:// links: registers Baton as the OS handler, and routes links that arrive at
// startup (argv), from a second launch (second-instance argv, Windows and Linux) and from macOS
// (open-url) through the pure parser in main/services/links. Only valid links reach `open`.
// Type-checked only (the Electron binary is absent here).
import { app } from 'electron';
import type { Disposable } from '../../shared/lifecycle';
import type { Logger } from '../services/logger';
import { type DeepLink, DEEP_LINK_SCHEME, parseDeepLink } from '../services/links/deep-link';
import { linkFromArgv, secondInstanceAction } from '../services/links/single-instance';

export interface DeepLinkRoutes {
  /** Bring the main window to the front (shown, restored, focused). */
  focus(): void;
  /** Open a validated link (navigate the renderer to the handoff or Settings). */
  open(link: DeepLink): void;
}

/**
 * Call before app.whenReady(). The caller still owns requestSingleInstanceLock(); pass the
 * second-instance argv to `handOver` from its existing 'second-instance' listener.
 */
export function registerDeepLinks(routes: DeepLinkRoutes, log: Logger): Disposable & { handOver(argv: readonly string[]): void } {
  if (!app.isDefaultProtocolClient(DEEP_LINK_SCHEME)) {
    // In development Electron runs as `electron .`, so the app path must be passed along.
    const registered = process.defaultApp && process.argv[1] ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [process.argv[1]]) : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
    if (!registered) log.warn(`could not register ${DEEP_LINK_SCHEME}:// with the operating system`);
  }
  const handOver = (argv: readonly string[]) => {
    const action = secondInstanceAction(argv);
    routes.focus();
    if (action.refused) log.warn(`refused a ${DEEP_LINK_SCHEME}:// link: ${action.refused}`);
    if (action.open) routes.open(action.open);
  };
  const onOpenUrl = (event: Electron.Event, url: string) => {
    event.preventDefault();
    const parsed = parseDeepLink(url);
    routes.focus();
    if (parsed.ok) routes.open(parsed.link);
    else log.warn(`refused a ${DEEP_LINK_SCHEME}:// link: ${parsed.error}`);
  };
  app.on('open-url', onOpenUrl);
  // A first launch from a link (Windows, Linux) carries it in our own argv.
  const initial = linkFromArgv(process.argv);
  if (initial.link) {
    const link = initial.link;
    void app.whenReady().then(() => routes.open(link));
  } else if (initial.refused) log.warn(`refused a ${DEEP_LINK_SCHEME}:// link: ${initial.refused}`);
  return {
    handOver,
    dispose: () => {
      app.removeListener('open-url', onOpenUrl);
    },
  };
}
