// The composition root with real parts: demo mode starts an embedded hub and simulator and an
// offer reaches an event sink; a broken plugin is left out without stopping the app; dispose
// releases everything (the embedded hub stops listening).
import { afterEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../shared/api';
import { createAppServices, type AppServices } from './app-services';
import { silentLogger, type Logger } from './logger';

let dir: string;
let services: AppServices | null = null;

afterEach(async () => {
  await services?.dispose();
  services = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function recordingLog(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { ...silentLogger, error: (message) => void errors.push(message), errors };
}

describe('createAppServices', () => {
  test('demo mode: an offer from the simulator reaches every event sink; dispose closes the embedded hub', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-services-'));
    const log = recordingLog();
    const started: string[] = [];
    services = await createAppServices(
      { mode: 'demo', dataDir: dir, demo: { burst: 1, cap: 1, followUpMessages: false } },
      {
        log,
        plugins: [
          { name: 'broken', start: () => Promise.reject(new Error('no disk')) },
          { name: 'probe', start: (ctx) => (started.push(ctx.config.mode), { handlers: { 'outbox:status': () => ({ online: true, offlineSince: null, pending: 0, failed: 0 }) } }) },
        ],
      },
    );
    expect(started).toEqual(['demo']);
    expect(log.errors.join()).toMatch(/broken could not start/);
    expect(await services.handlers['outbox:status']({})).toMatchObject({ online: true });

    const seen: EventName[] = [];
    const offer = new Promise<void>((resolve) => {
      services!.addEventSink((name) => {
        seen.push(name);
        if (name === 'offer:received') resolve();
      });
    });
    await offer;
    expect(seen).toContain('offer:received');
    expect(services.inbox.waitingOffers()).toBe(1);
    expect(services.session()).toMatchObject({ mode: 'demo', role: 'agent', agent: { name: 'Alex Rivera' }, connection: { status: 'open' } });

    const hubUrl = services.demo!.hubUrl;
    await services.dispose();
    services = null;
    await expect(fetch(`${hubUrl}/healthz`)).rejects.toThrow();
  });

  test('hub mode with an unreachable hub still starts, and says it is retrying', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-services-'));
    services = await createAppServices({ mode: 'hub', hubUrl: 'http://127.0.0.1:9', token: 't', dataDir: dir }, { log: silentLogger });
    await new Promise<void>((resolve) => {
      if (services!.link.state.status === 'backoff') return resolve();
      const off = services!.link.on('state', (s) => {
        if (s.status === 'backoff') {
          off();
          resolve();
        }
      });
    });
    const session = services.session();
    expect(session.connection.status).toBe('backoff');
    expect(session.connection.error).toMatch(/Reconnecting|Lost/);
    expect(session.hubUrl).toBe('http://127.0.0.1:9');
  });

  test('a bad config is refused before anything starts', async () => {
    await expect(createAppServices({ mode: 'hub', dataDir: '/tmp/never' })).rejects.toThrow(/hubUrl/);
  });
});
