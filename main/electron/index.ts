// The Electron shell's lifecycle, kept thin: one instance; when ready, the services, the IPC
// transport, the window, the tray and the alerts; on quit, everything disposed in
// reverse order before the process exits. All decisions live in main/services.
import { app, safeStorage, session } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { DisposableStore } from '../../shared/lifecycle';
import { createAppServices, type AppConfigInput } from '../services/app-services';
import { defaultPlugins } from '../services/default-plugins';
import { consoleLogger } from '../services/logger';
import { SettingsStore, type TokenSealer } from '../services/settings/settings-store';
import { SealedFileKeyProvider } from '../services/store/key-provider';
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './app-protocol';
import { startAlerts } from './alert-wiring';
import { registerIpcTransport } from './ipc-transport';
import { createMainWindow, showWindow } from './main-window';
import { registerDeepLinks } from './deep-links';
import { startOsIntegrations, type OsIntegrations } from './os-integrations';
import { createTray } from './tray';
import { denyAllPermissions } from './web-contents-security';
import type { BrowserWindow } from 'electron';
import type { DeepLink } from '../services/links/deep-link';

const here = fileURLToPath(new URL('.', import.meta.url));
const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');
const log = consoleLogger;

const owned = new DisposableStore();
let mainWindow: BrowserWindow | null = null;
let quitting = false;
let disposed = false;
let integrations: OsIntegrations | null = null;
/** Links that arrived before the services were ready; shown once they are. */
const pendingLinks: DeepLink[] = [];

/** Linked to a hub when BATON_HUB_URL and BATON_TOKEN are set, else to the hub saved in Settings; demo mode otherwise. */
function configFromEnvironment(settings: SettingsStore): AppConfigInput {
  const dataDir = app.getPath('userData');
  const client = { name: 'baton-desktop', version: app.getVersion() };
  const hubUrl = process.env.BATON_HUB_URL;
  const token = process.env.BATON_TOKEN;
  if (hubUrl && token) return { mode: 'hub', hubUrl, token, dataDir, client };
  const saved = { url: settings.current().hub.url, token: settings.hubToken() };
  if (saved.url && saved.token) return { mode: 'hub', hubUrl: saved.url, token: saved.token, dataDir, client };
  return { mode: 'demo', dataDir, client };
}

/** The saved hub token is sealed by the OS keychain, like the local store's key. */
function keychainSealer(): TokenSealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    unseal: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

async function startup(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(RENDERER_DIR);

  // The local store's key is sealed by the OS keychain, never kept in clear on disk.
  // The model worker is a plain .mjs file the bundle does not contain: load it from the app folder.
  const settings = await SettingsStore.open(app.getPath('userData'), { log, sealer: keychainSealer() });
  const plugins = defaultPlugins({
    settings: { store: settings },
    localStore: { keyProvider: (dataDir) => new SealedFileKeyProvider(join(dataDir, 'baton-local.key.sealed'), safeStorage) },
    intelligence: { workerUrl: pathToFileURL(join(app.getAppPath(), 'main', 'services', 'intelligence', 'model-worker.mjs')) },
  });
  const started = owned.add(await createAppServices(configFromEnvironment(settings), { log, plugins }));
  // Presence from the OS, updates, links: the renderer reaches the services through this backend.
  const os = owned.add(startOsIntegrations(started, log));
  owned.add(registerIpcTransport(os.backend, log));

  mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, isQuitting: () => quitting });
  const open = () => showWindow(mainWindow);
  const tray = owned.add(createTray({ open, quit: () => app.quit() }));
  // The alert ladder (notification with Accept/Decline, attention, tray blink, paging the lead).
  owned.add(startAlerts({ services: started, mainWindow: () => mainWindow, open, tray, settings, log }));
  owned.add(
    started.addEventSink((name) => {
      if (name === 'offer:received' || name === 'offer:revoked' || name === 'handoff:updated') tray.setWaitingOffers(started.inbox.waitingOffers());
    }),
  );
  integrations = os;
  for (const link of pendingLinks.splice(0)) os.openLink(link);
}

registerAppSchemeAsPrivileged();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // baton://handoff/ID from the OS: at launch, from a second launch, or (macOS) open-url.
  const links = owned.add(
    registerDeepLinks(
      {
        focus: () => showWindow(mainWindow),
        open: (link) => {
          if (integrations) integrations.openLink(link);
          else pendingLinks.push(link);
        },
      },
      log,
    ),
  );
  app.on('second-instance', (_event, argv) => links.handOver(argv));
  app.on('activate', () => showWindow(mainWindow));
  // The tray keeps the app alive: offers still arrive and alert with every window closed.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event) => {
    quitting = true;
    if (disposed) return;
    event.preventDefault();
    owned
      .dispose()
      .catch((error: unknown) => log.error('shutdown: some services did not close cleanly', error))
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(startup)
    .catch((error: unknown) => {
      log.error('Baton could not start', error);
      app.exit(1);
    });
}
