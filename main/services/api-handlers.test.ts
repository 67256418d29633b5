import { describe, expect, test } from 'vitest';
import { dispatchApiCall } from '../../shared/api-dispatch';
import { composeApiHandlers } from './api-handlers';
import { silentLogger } from './logger';

describe('composeApiHandlers', () => {
  test('a method no group handles answers "unavailable" instead of crashing', async () => {
    const { handlers, missing } = composeApiHandlers([{ 'presence:set': ({ presence }) => presence }], silentLogger);
    expect(missing).toContain('inbox:list');
    expect(missing).not.toContain('presence:set');
    expect(await dispatchApiCall(handlers, 'presence:set', { presence: 'away' }, silentLogger)).toEqual({ ok: true, value: 'away' });
    const result = await dispatchApiCall(handlers, 'inbox:list', {}, silentLogger);
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  test('two groups claiming one method is a startup error', () => {
    expect(() => composeApiHandlers([{ 'inbox:list': () => [] }, { 'inbox:list': () => [] }], silentLogger)).toThrow(/both handle inbox:list/);
  });
});
