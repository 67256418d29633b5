// What a transport (Electron IPC, the browser host's socket) needs from the services: the
// handlers to dispatch calls to, and a way to receive pushed events.
import type { ApiHandlers, EventSink } from '../../shared/api';
import type { Disposable } from '../../shared/lifecycle';

export interface ApiBackend {
  readonly handlers: ApiHandlers;
  addEventSink(sink: EventSink): Disposable;
}
