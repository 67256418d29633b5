import { describe, expect, test } from 'vitest';
import { createApiClient, type ApiTransport } from './api-client';

function transport(answer: (method: string, args: unknown) => unknown) {
  let listener: ((event: string, payload: unknown) => void) | null = null;
  const t: ApiTransport = {
    request: async (method, args) => answer(method, args) as never,
    subscribe(l) {
      listener = l;
      return () => {
        listener = null;
      };
    },
  };
  return { t, push: (event: string, payload: unknown) => listener?.(event, payload) };
}

describe('createApiClient', () => {
  test('validates results against the contract', async () => {
    const { t } = transport(() => ({ ok: true, value: 'available' }));
    const api = createApiClient(t);
    expect(await api.invoke('presence:set', { presence: 'available' })).toEqual({ ok: true, value: 'available' });

    const bad = createApiClient(transport(() => ({ ok: true, value: 'sleeping' })).t);
    const result = await bad.invoke('presence:set', { presence: 'available' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
  });

  test('a transport failure becomes an unavailable error, not an exception', async () => {
    const api = createApiClient({
      request: async () => {
        throw new Error('socket closed');
      },
      subscribe: () => () => {},
    });
    const result = await api.invoke('inbox:list', {});
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('socket closed') } });
  });

  test('delivers valid events, drops malformed ones, and unsubscribes', () => {
    const { t, push } = transport(() => null);
    const api = createApiClient(t);
    const seen: string[] = [];
    const off = api.on('offer:revoked', (payload) => seen.push(payload.handoffId));
    push('offer:revoked', { handoffId: 'h1', reason: 'timeout' });
    push('offer:revoked', { handoffId: 'h2', reason: 'because' });
    push('handoff:updated', { nonsense: true });
    off();
    push('offer:revoked', { handoffId: 'h3', reason: 'timeout' });
    expect(seen).toEqual(['h1']);
  });
});
