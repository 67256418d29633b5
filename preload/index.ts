// The bridge, and nothing else: builds `window.baton` from the API contract over two IPC channels
// and exposes it with contextBridge. ipcRenderer itself never reaches the page; subscriptions
// return their unsubscribe function.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApiClient } from '../shared/api-client';
import { IPC_CHANNELS } from '../shared/ipc-channels';

const api = createApiClient({
  request: (method, args) => ipcRenderer.invoke(IPC_CHANNELS.invoke, method, args),
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_CHANNELS.event, handler);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, handler);
    };
  },
});

contextBridge.exposeInMainWorld('baton', {
  invoke: api.invoke,
  on: api.on,
});
