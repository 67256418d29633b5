// Two tabs of the browser host open on the same agent, in real Chromium with the real Web Locks API:
// every tab receives the alert policy's `alerts:sound`, but a handoff chimes once, in the tab that
// holds the 'baton-alerts' lock (renderer/services/alert-leader.ts). A key press in the other tab
// moves the lead there; closing the leading tab hands it to the one left, which then sounds alone.
// Sounds are counted where they are made: every note the page starts on Web Audio (an offer's chime
// is two notes). Chromium runs with autoplay allowed, so a tab that should not sound could.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Hub } from '../hub/index';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { SettingsStore } from '../main/services/settings/settings-store';
import { launchChromium } from './harness/chromium';
import { startBrowserHost, startLinkedHub, type LinkedHub } from './harness/linked-hub';
import type { PlatformStub } from './harness/platform-stub';
import { tempDir, type RunningProcess } from './harness/processes';

const secret = randomBytes(16).toString('hex');
const token = randomBytes(24).toString('base64url');
const data = tempDir('baton-e2e-alert-tabs-');
const NOTES_PER_OFFER_CHIME = 2;
let hub: Hub;
let host: RunningProcess;
let browser: Browser;
let platform: PlatformStub;
let linked: LinkedHub;

beforeAll(async () => {
  linked = await startLinkedHub({ dataDir: data.path, secret, offerTimeoutMs: 60_000, agents: [{ id: 'agent-tabs', name: 'Robin Tabs', role: 'agent', skills: skillsUsedBy(DEFAULT_RULES), capacity: 5, token }] });
  ({ hub, platform } = linked);
  // One chime per offer within the test: the re-alert is 5 minutes away.
  const settings = await SettingsStore.open(join(data.path, 'desktop'));
  await settings.update({ alerts: { reAlertIntervalMs: 300_000 } });
  host = await startBrowserHost(hub.url, token, join(data.path, 'desktop'));
  browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await linked?.close();
  data.remove();
});

type Counted = { notesPlayed: number };

/** Counts the Web Audio notes each page starts (the chime is made of them). */
async function countNotes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const page = globalThis as unknown as Counted & { OscillatorNode: { prototype: { start(when?: number): void } } };
    page.notesPlayed = 0;
    const start = page.OscillatorNode.prototype.start;
    page.OscillatorNode.prototype.start = function (this: unknown, when?: number) {
      page.notesPlayed += 1;
      return start.call(this, when);
    };
  });
}

type Tab = { page: Page; soundRequests: () => number; notes: () => Promise<number> };

async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  let soundRequests = 0;
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const text = String(payload);
      if (text.includes('"type":"event"') && text.includes('"name":"alerts:sound"')) soundRequests += 1;
    }),
  );
  await page.goto(host.url);
  await page.getByRole('list', { name: 'Handoff inbox' }).waitFor({ timeout: 20_000 });
  return { page, soundRequests: () => soundRequests, notes: () => page.evaluate(() => (globalThis as unknown as Counted).notesPlayed) };
}

/** Posts an offer and returns how many chimes each tab played for it, once every tab was asked. */
async function chimesFor(name: string, tabs: Tab[]): Promise<number[]> {
  const before = await Promise.all(tabs.map((t) => t.notes()));
  const asked = tabs.map((t) => t.soundRequests());
  const request = handoffRequest({ trigger: 'human_requested' });
  await platform.postHandoff(hub.url, { ...request, customer: { ...request.customer, name } });
  for (const tab of tabs) await tab.page.getByRole('article', { name }).waitFor({ timeout: 15_000 });
  // Every tab got the policy's request to sound...
  await expect.poll(() => tabs.every((t, i) => t.soundRequests() > asked[i]!), { timeout: 10_000 }).toBe(true);
  // ...and one of them plays it.
  await expect.poll(async () => (await Promise.all(tabs.map((t) => t.notes()))).reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0), { timeout: 10_000 }).toBeGreaterThan(0);
  // Time enough for a second tab to sound, were it going to.
  await tabs[0]!.page.waitForTimeout(1_500);
  const after = await Promise.all(tabs.map((t) => t.notes()));
  return after.map((n, i) => (n - before[i]!) / NOTES_PER_OFFER_CHIME);
}

test('two tabs on one agent: each offer chimes once; a key press moves the chime; closing the leader hands it over', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await countNotes(context);
  const first = await openTab(context);
  const second = await openTab(context);
  const supported = await first.page.evaluate(() => typeof (globalThis as unknown as { navigator: { locks?: unknown } }).navigator.locks === 'object');
  expect(supported).toBe(true);

  // The first tab to open leads.
  const one = await chimesFor('Ada One', [first, second]);
  expect(one).toEqual([1, 0]);

  // The agent works in the second tab: it leads from the first key press.
  await second.page.keyboard.press('Shift');
  const two = await chimesFor('Ben Two', [first, second]);
  expect(two).toEqual([0, 1]);

  // The leading tab closes: the first one takes over, and still only one chime sounds.
  await second.page.close();
  const three = await chimesFor('Cleo Three', [first]);
  expect(three).toEqual([1]);
  const total = one.concat(two, three).reduce((a, b) => a + b, 0);
  console.log(`alert tabs e2e: 3 offers, 2 tabs, ${total} chimes played`);
  await context.close();
});
