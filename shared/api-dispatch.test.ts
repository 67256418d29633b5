import { describe, expect, test, vi } from 'vitest';
import type { ApiHandlers } from './api';
import { dispatchApiCall } from './api-dispatch';
import { BatonError } from './result';

function handlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const unexpected = () => {
    throw new Error('not expected in this test');
  };
  return new Proxy(overrides as ApiHandlers, { get: (target, key) => (target as never)[key] ?? unexpected });
}

const log = { error: vi.fn() };

describe('dispatchApiCall', () => {
  test('refuses an unknown method without calling anything', async () => {
    const result = await dispatchApiCall(handlers(), 'fs:readFile', {}, log);
    expect(result).toEqual({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('unknown method') } });
  });

  test('names the bad field when arguments fail validation', async () => {
    const decline = vi.fn();
    const result = await dispatchApiCall(handlers({ 'handoffs:decline': decline }), 'handoffs:decline', { handoffId: 'h1' }, log);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('reason');
    expect(decline).not.toHaveBeenCalled();
  });

  test('passes parsed arguments and wraps the value', async () => {
    const accept = vi.fn(async () => ({ handoff: null as never, offerExpiresAt: null }));
    const result = await dispatchApiCall(handlers({ 'handoffs:accept': accept }), 'handoffs:accept', { handoffId: 'h1' }, log);
    expect(accept).toHaveBeenCalledWith({ handoffId: 'h1' });
    expect(result.ok).toBe(true);
  });

  test('a BatonError keeps its code; any other error becomes internal and is logged', async () => {
    const notFound = await dispatchApiCall(
      handlers({
        'handoffs:get': () => {
          throw new BatonError('not_found', 'no handoff h9');
        },
      }),
      'handoffs:get',
      { handoffId: 'h9' },
      log,
    );
    expect(notFound).toEqual({ ok: false, error: { code: 'not_found', message: 'no handoff h9' } });

    const crashed = await dispatchApiCall(
      handlers({
        'session:get': () => {
          throw new TypeError('secret internals');
        },
      }),
      'session:get',
      {},
      log,
    );
    expect(crashed.ok).toBe(false);
    if (!crashed.ok) {
      expect(crashed.error.code).toBe('internal');
      expect(crashed.error.message).not.toContain('secret internals');
    }
    expect(log.error).toHaveBeenCalled();
  });

  test('strict argument objects refuse extra keys', async () => {
    const result = await dispatchApiCall(handlers(), 'session:get', { injected: true }, log);
    expect(result.ok).toBe(false);
  });
});
