// Offline-first in real Chromium, through the browser host linked to a hub this test stops and
// starts again (in-process, same port, same database file): a note written online shows "synced";
// with the hub gone a second note and a reply are kept on this device, marked pending / not sent,
// and the offline banner says since when and how many changes wait; once the hub is back both notes
// show "synced", the reply reaches the hub and the platform exactly once, and the banner is gone.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHub, type Hub } from '../hub/index';
import { silentLog } from '../hub/hub-log';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { launchChromium } from './harness/chromium';
import { startPlatformStub, type PlatformStub } from './harness/platform-stub';
import { startTsProcess, tempDir, WEB_HOST_READY, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

const secret = randomBytes(16).toString('hex');
const token = randomBytes(24).toString('base64url');
const data = tempDir('baton-e2e-offline-');
const hubDb = join(data.path, 'hub.sqlite');
let hub: Hub | null = null;
let host: RunningProcess;
let browser: Browser;
let platform: PlatformStub;
let page: Page;

function startHub(port: number): Promise<Hub> {
  return createHub({
    port,
    dbPath: hubDb,
    secret,
    webhookUrl: platform.webhookUrl,
    offerTimeoutMs: 120_000,
    log: silentLog,
    agents: [{ id: 'agent-off', name: 'Jordan Lee', role: 'agent', skills: skillsUsedBy(DEFAULT_RULES), capacity: 5, token }],
  });
}

function hubRows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(hubDb, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  platform = await startPlatformStub(secret);
  hub = await startHub(0);
  host = await startTsProcess('main/web/cli.ts', ['--port', '0', '--hub', hub.url, `--token=${token}`, '--data', join(data.path, 'desktop')], WEB_HOST_READY, {
    timeoutMs: 60_000,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
  await page.goto(host.url);
  await page.getByRole('list', { name: 'Handoff inbox' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await hub?.close();
  await platform?.close();
  data.remove();
});

test('notes and a reply written while the hub is down wait on this device and sync once it is back', async () => {
  const base = handoffRequest();
  const { handoffId } = await platform.postHandoff(hub!.url, { ...base, customer: { ...base.customer, id: 'off-cust-1', name: 'Avery Quinn' } });
  const row = page.getByRole('article', { name: 'Avery Quinn' });
  await row.waitFor({ timeout: 15_000 });
  await row.getByRole('button', { name: 'Accept', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Avery Quinn' }).waitFor({ timeout: 15_000 });

  // Online: the note is saved on this device, then synced.
  const notes = page.getByRole('list', { name: 'About this conversation' });
  await page.getByLabel('Note', { exact: true }).fill('Customer prefers email over phone.');
  await page.getByRole('button', { name: 'Save note' }).click();
  const first = notes.getByRole('listitem').filter({ hasText: 'prefers email' });
  await first.locator('.sync-synced').waitFor({ timeout: 15_000 });

  // The hub goes away: the banner says so.
  const port = Number(new URL(hub!.url).port);
  await hub!.close();
  hub = null;
  const banner = page.locator('.banner-offline');
  await banner.getByText(/Offline since \d{1,2}:\d\d/).waitFor({ timeout: 15_000 });

  // Offline: the note is saved here and waits; the reply waits too, marked as not sent.
  await page.getByLabel('Note', { exact: true }).fill('Promised a callback tomorrow at 10.');
  await page.getByRole('button', { name: 'Save note' }).click();
  const second = notes.getByRole('listitem').filter({ hasText: 'callback tomorrow' });
  await second.locator('.sync-pending').waitFor({ timeout: 15_000 });
  expect(await second.locator('.sync').textContent()).toMatch(/waiting to sync/);
  expect(await first.locator('.sync').textContent()).toBe('Synced');

  await page.getByLabel('Reply to Avery Quinn').fill('I will call you back tomorrow at 10.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const reply = page.locator('li.message-agent', { hasText: 'call you back tomorrow' });
  await reply.getByText('Not sent yet — will send when the hub is back').waitFor({ timeout: 15_000 });

  // Since when, and how many changes wait (the note and the reply).
  await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toMatch(/2 changes are saved on this device and will sync when it is back/);
  expect(await banner.textContent()).toMatch(/Offline since \d{1,2}:\d\d/);
  await second.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'offline-notes-pending');
  expect(platform.events.filter((e) => e.handoffId === handoffId && e.type === 'handoff.reply')).toHaveLength(0);

  // The hub is back on the same address and database: the link reconnects (after its backoff) and the outbox drains.
  hub = await startHub(port);
  await second.locator('.sync-synced').waitFor({ timeout: 60_000 });
  expect(await first.locator('.sync').textContent()).toBe('Synced');
  await reply.getByText('Not sent yet — will send when the hub is back').waitFor({ state: 'detached', timeout: 15_000 });
  await banner.waitFor({ state: 'detached', timeout: 15_000 });
  await second.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'offline-notes-synced');

  // Both notes reached the hub once each; the reply reached the hub and the platform exactly once.
  const hubNotes = hubRows<{ body: string }>('SELECT body FROM hub_notes ORDER BY body');
  expect(hubNotes.map((n) => n.body)).toEqual(['Customer prefers email over phone.', 'Promised a callback tomorrow at 10.']);
  expect(hubRows('SELECT change_id FROM hub_note_changes')).toHaveLength(2);
  expect(hubRows("SELECT message_id FROM handoff_messages WHERE handoff_id = ? AND author = 'agent'", handoffId)).toHaveLength(1);
  await expect.poll(() => platform.events.filter((e) => e.handoffId === handoffId && e.type === 'handoff.reply').length, { timeout: 15_000 }).toBe(1);
  expect(platform.refused).toEqual([]);
}, 180_000);
