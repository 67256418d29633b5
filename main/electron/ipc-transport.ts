// The API contract over Electron IPC: one handle() channel for every method (checked by
// dispatchApiCall, like the browser host's socket) that only answers frames of our own app://
// pages, and one channel for pushed events to every window.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatchApiCall } from '../../shared/api-dispatch';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import { toDisposable, type Disposable } from '../../shared/lifecycle';
import { err } from '../../shared/result';
import type { ApiBackend } from '../services/api-backend';
import type { Logger } from '../services/logger';
import { isAppUrl } from './app-protocol';

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && isAppUrl(frame.url);
}

export function registerIpcTransport(backend: ApiBackend, log: Logger): Disposable {
  ipcMain.handle(IPC_CHANNELS.invoke, async (event, method: unknown, args: unknown) => {
    if (!trustedSender(event)) {
      log.warn(`ipc: refused a call from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return err('forbidden', 'calls are only accepted from the Baton app itself');
    }
    return dispatchApiCall(backend.handlers, method, args, log);
  });
  const events = backend.addEventSink((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed() && isAppUrl(window.webContents.getURL())) window.webContents.send(IPC_CHANNELS.event, name, payload);
    }
  });
  return toDisposable(async () => {
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
    await events.dispose();
  });
}
