// The browser host: the built renderer and the renderer API, served on 127.0.0.1 to a browser
// (the e2e tests' Chromium, or anyone without the desktop app). With `api` it serves services
// someone else owns; otherwise it builds them from `config` (demo mode by default) and owns them.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { API_WS_PATH } from '../../shared/api-wire';
import { DisposableStore, toDisposable } from '../../shared/lifecycle';
import type { ApiBackend } from '../services/api-backend';
import { createAppServices, type AppConfigInput, type AppServices } from '../services/app-services';
import { defaultPlugins, type DefaultPluginOptions } from '../services/default-plugins';
import { consoleLogger, type Logger } from '../services/logger';
import { SettingsStore } from '../services/settings/settings-store';
import type { ServicePlugin } from '../services/service-plugin';
import { createApiSocketServer } from './api-socket';
import { SECURITY_HEADERS } from '../services/security-headers';
import { sendText, serveStatic } from './static-files';

export const DEFAULT_WEB_PORT = 5320;
export const DEFAULT_STATIC_DIR = resolve(import.meta.dirname, '..', '..', 'out', 'renderer');

/**
 * What the browser host runs beside the hub link: the default services plus the alert ladder
 * (alerts-plugin.ts), which Electron runs through its own wiring instead. One settings store feeds
 * both Settings and the alert preferences.
 */
export function webHostPlugins(settings: SettingsStore, options: Omit<DefaultPluginOptions, 'settings' | 'alerts'> = {}): ServicePlugin[] {
  return defaultPlugins({ ...options, settings: { store: settings }, alerts: { settings } });
}

export interface WebHostOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The built renderer; defaults to out/renderer. */
  staticDir?: string;
  /** Serve these services (owned by the caller)… */
  api?: ApiBackend;
  /** …or build them from this config (owned by the host, disposed on close). */
  config?: AppConfigInput;
  /** Services to start beside the hub link (with `config`); defaults to webHostPlugins(). */
  plugins?: ServicePlugin[];
  log?: Logger;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  /** The services the host built itself (null when `api` was passed). */
  readonly services: AppServices | null;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? consoleLogger;
  const host = options.host ?? '127.0.0.1';
  const staticDir = resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const owned = new DisposableStore();
  try {
    let services: AppServices | null = null;
    let backend = options.api;
    if (!backend) {
      const config = options.config ?? { mode: 'demo', dataDir: resolve('.baton-data', 'web') };
      const plugins = options.plugins ?? webHostPlugins(await SettingsStore.open(config.dataDir, { log }));
      services = owned.add(await createAppServices(config, { log, plugins }));
      backend = services;
    }

    let port = 0;
    const allowedHosts = () => new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`]);
    const allowedOrigins = () => new Set([...allowedHosts()].map((h) => `http://${h}`));
    // A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) still sends
    // its own Host header; refusing unknown hosts keeps it away from the API and the files.
    const hostAllowed = (request: IncomingMessage) => allowedHosts().has(request.headers.host ?? '');

    const apiSocket = createApiSocketServer({ backend, allowedOrigins, log });
    const server = createServer((request, response) => {
      const headers = { ...SECURITY_HEADERS };
      if (!hostAllowed(request)) return sendText(response, 421, 'Misdirected request', headers);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        return sendText(response, 405, 'Method not allowed', headers);
      }
      serveStatic(staticDir, request, response, headers).catch((error: unknown) => {
        log.error('web host: failed to serve a file', error);
        if (!response.headersSent) sendText(response, 500, 'Internal error', headers);
        else response.destroy();
      });
    });
    server.on('upgrade', (request, socket, head) => {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (pathname !== API_WS_PATH || !hostAllowed(request)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      apiSocket.handleUpgrade(request, socket, head);
    });
    server.on('clientError', (_error, socket) => socket.destroy());

    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? DEFAULT_WEB_PORT, host, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
    port = (server.address() as AddressInfo).port;
    owned.add(
      toDisposable(
        () =>
          new Promise<void>((resolveClose) => {
            server.close(() => resolveClose());
            server.closeAllConnections();
          }),
      ),
    );
    owned.add(apiSocket);

    const url = `http://${host}:${port}/`;
    return {
      url,
      port,
      services,
      close: () => owned.dispose(),
    };
  } catch (error) {
    await owned.dispose().catch(() => {});
    throw error;
  }
}
