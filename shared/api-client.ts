// Builds `window.baton` from the contract over any transport. Results and events are validated
// on arrival so the UI never renders a shape it does not expect.
import { apiEvents, apiMethods, type BatonApi, type EventName, type EventPayload, type MethodName } from './api';
import { describeZodError, err, type Result } from './result';

export interface ApiTransport {
  request(method: MethodName, args: unknown): Promise<Result<unknown>>;
  /** Delivers every pushed event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export function createApiClient(transport: ApiTransport): BatonApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let unsubscribeTransport: (() => void) | null = null;

  function ensureSubscribed(): void {
    if (unsubscribeTransport) return;
    unsubscribeTransport = transport.subscribe((event, payload) => {
      const set = listeners.get(event as EventName);
      if (!set || set.size === 0) return;
      const schema = apiEvents[event as EventName];
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        console.warn(`baton: dropped malformed ${event} event: ${describeZodError(parsed.error)}`);
        return;
      }
      for (const listener of [...set]) listener(parsed.data);
    });
  }

  return {
    async invoke(method, args) {
      let result: Result<unknown>;
      try {
        result = await transport.request(method, args);
      } catch (error) {
        return err('unavailable', `could not reach the Baton services: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!result.ok) return result;
      const parsed = apiMethods[method].result.safeParse(result.value);
      if (!parsed.success) return err('internal', `${method} returned an unexpected shape: ${describeZodError(parsed.error)}`);
      return { ok: true, value: parsed.data } as never;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      ensureSubscribed();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
