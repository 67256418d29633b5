// Pushes API events to every connected renderer (Electron windows, browser tabs). One failing
// renderer must not keep the others from hearing about an offer.
import type { EventName, EventPayload, EventSink } from '../../shared/api';
import { toDisposable, type Disposable } from '../../shared/lifecycle';
import { silentLogger, type Logger } from './logger';

export class EventFanout {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly log: Logger = silentLogger) {}

  add(sink: EventSink): Disposable {
    this.sinks.add(sink);
    return toDisposable(() => {
      this.sinks.delete(sink);
    });
  }

  get size(): number {
    return this.sinks.size;
  }

  readonly emit: EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const sink of [...this.sinks]) {
      try {
        sink(event, payload);
      } catch (error) {
        this.log.error(`event ${event} could not be delivered to a renderer`, error);
      }
    }
  };
}
