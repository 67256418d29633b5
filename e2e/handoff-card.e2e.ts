// The always-on-top handoff card's screen in real Chromium, through the browser host: the card for
// an offer (`/#/handoff-card/ID`, what the desktop loads into its card window) shows the customer,
// priority, reason and countdown, and accepting from it reaches the hub and the bot platform.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Hub } from '../hub/index';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { launchChromium } from './harness/chromium';
import { startBrowserHost, startLinkedHub, type LinkedHub } from './harness/linked-hub';
import type { PlatformStub } from './harness/platform-stub';
import { tempDir, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

const secret = randomBytes(16).toString('hex');
const token = randomBytes(24).toString('base64url');
const data = tempDir('baton-e2e-handoff-card-');
let hub: Hub;
let host: RunningProcess;
let browser: Browser;
let platform: PlatformStub;
let linked: LinkedHub;

beforeAll(async () => {
  linked = await startLinkedHub({ dataDir: data.path, secret, offerTimeoutMs: 120_000, agents: [{ id: 'agent-card', name: 'Jordan Lee', role: 'agent', skills: skillsUsedBy(DEFAULT_RULES), capacity: 3, token }] });
  ({ hub, platform } = linked);
  host = await startBrowserHost(hub.url, token, join(data.path, 'desktop'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await linked?.close();
  data.remove();
});

test('the handoff card shows the offer and accepting from it takes the handoff', async () => {
  // The workspace is open (the desktop's main window), so the link is up and the offer arrives.
  const workspace = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await workspace.goto(host.url);
  await workspace.getByRole('list', { name: 'Handoff inbox' }).waitFor({ timeout: 20_000 });
  const request = handoffRequest({ trigger: 'human_requested' });
  const { handoffId } = await platform.postHandoff(hub.url, { ...request, customer: { ...request.customer, name: 'Casey Card' } });
  await workspace.getByRole('article', { name: 'Casey Card' }).waitFor({ timeout: 15_000 });

  const card = await browser.newPage({ viewport: { width: 380, height: 220 } });
  await card.goto(`${host.url}#/handoff-card/${encodeURIComponent(handoffId)}`);
  const region = card.getByRole('region', { name: 'Casey Card' });
  await region.waitFor({ timeout: 15_000 });
  const text = (await region.textContent()) ?? '';
  expect(text).toContain('Customer asked for a human');
  expect(text).toMatch(/P[1-4]/);
  expect(text).toMatch(/Expires in \d+:\d\d/);
  // Keyboard first: Accept has focus when the card opens.
  await expect.poll(() => card.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).toBe('Accept');
  await saveScreenshot(card, 'handoff-card');

  await card.keyboard.press('Enter');
  await expect.poll(async () => (await card.getByRole('status').textContent()) ?? '', { timeout: 15_000 }).toContain('Accepted');
  // The hub took it (the platform heard so), and the offer left the workspace's inbox for good.
  await expect
    .poll(() => platform.events.some((e) => e.handoffId === handoffId && e.type === 'handoff.status' && e.status === 'accepted'), { timeout: 15_000 })
    .toBe(true);
  await workspace.getByRole('article', { name: 'Casey Card' }).waitFor({ state: 'detached', timeout: 15_000 });
  await card.close();
  await workspace.close();
});
