// `window.baton` is the renderer's only door to the services: Electron's preload provides it over
// IPC; in the browser host renderer/transport/web-bridge.ts creates it over a WebSocket.
import type { BatonApi } from '../shared/api';

declare global {
  interface Window {
    baton: BatonApi;
  }
}

export {};
