// The agent's day in real Chromium, through the browser host linked to a real hub: the platform
// (a local stub) posts signed handoffs and customer messages and receives the hub's webhook calls.
// Offer with countdown → accept → summary and record → an angry follow-up gets an on-device mood
// marker → a suggestion fills the composer → reply reaches the hub and the platform → a note syncs →
// resolve with feedback; transfer to a queue; decline; and the main flow by keyboard only.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Hub } from '../hub/index';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import type { HandoffRequest } from '../shared/ingest';
import { launchChromium } from './harness/chromium';
import { startBrowserHost, startLinkedHub, type LinkedHub } from './harness/linked-hub';
import type { PlatformStub } from './harness/platform-stub';
import { tempDir, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

const secret = randomBytes(16).toString('hex');
const token = randomBytes(24).toString('base64url');
const data = tempDir('baton-e2e-workspace-');
let hub: Hub;
let host: RunningProcess;
let browser: Browser;
let platform: PlatformStub;
let linked: LinkedHub;
let page: Page;

beforeAll(async () => {
  linked = await startLinkedHub({ dataDir: data.path, secret, offerTimeoutMs: 120_000, agents: [{ id: 'agent-ws', name: 'Jordan Lee', role: 'agent', skills: skillsUsedBy(DEFAULT_RULES), capacity: 5, token }] });
  ({ hub, platform } = linked);
  host = await startBrowserHost(hub.url, token, join(data.path, 'desktop'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
  await page.goto(host.url);
  await page.getByRole('list', { name: 'Handoff inbox' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await linked?.close();
  data.remove();
});

let customerCount = 0;
function customerRequest(name: string): HandoffRequest {
  customerCount++;
  const base = handoffRequest();
  return {
    ...base,
    customer: {
      id: `ws-cust-${customerCount}`,
      name,
      tier: 'premium',
      email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
      plan: 'Business Annual',
      lifetimeValue: 4_200,
      locale: 'en-GB',
      pastConversations: [{ id: `past-${customerCount}`, at: '2026-10-02T09:00:00.000Z', topic: 'Invoice address change', outcome: 'bot_resolved' }],
      openItems: [{ id: `ord-${customerCount}`, kind: 'order', title: `Order #8823${customerCount}`, status: 'refund pending' }],
    },
  };
}

/** Posts a handoff and waits for its offer row; returns the hub's handoff id. */
async function offer(name: string): Promise<string> {
  const accepted = await platform.postHandoff(hub.url, customerRequest(name));
  await page.getByRole('article', { name }).waitFor({ timeout: 15_000 });
  return accepted.handoffId;
}

function webhookOf(handoffId: string, type: string) {
  return platform.events.filter((e) => e.handoffId === handoffId && e.type === type);
}

test('offer → accept → mood → suggestion → reply → note → resolve with feedback', async () => {
  const handoffId = await offer('Morgan Avery');
  const row = page.getByRole('article', { name: 'Morgan Avery' });
  await expect.poll(() => row.textContent()).toMatch(/Expires in \d+:\d\d/);
  await saveScreenshot(page, 'workspace-offer');

  await row.getByRole('button', { name: 'Accept', exact: true }).click();
  const summary = page.getByRole('region', { name: 'AI summary' });
  await summary.waitFor({ timeout: 15_000 });
  expect(await summary.textContent()).toContain('Customer wants a refund for a double charge');
  expect(await summary.textContent()).toContain('Looked up the last invoice');
  const record = page.getByRole('complementary', { name: 'Customer record' });
  expect(await record.textContent()).toContain('morgan@example.com');
  expect(await record.textContent()).toContain('Order #88231');
  expect(await page.getByRole('region', { name: 'Why this was escalated' }).textContent()).toContain('Customer asked for a human');

  // An angry follow-up without the platform's own estimate: the on-device model marks it upset.
  const angry = 'This is ridiculous. I have been charged twice, waited an hour and nobody helps me. Terrible service!';
  await platform.postCustomerMessage(hub.url, handoffId, { id: 'ws-angry-1', text: angry });
  const angryItem = page.locator('li.message-customer', { hasText: 'waited an hour' });
  await angryItem.waitFor({ timeout: 15_000 });
  await angryItem.locator('.mood-negative').waitFor({ timeout: 20_000 });
  expect(await angryItem.locator('.mood').getAttribute('title')).toContain('baton-sentiment-mini');
  await saveScreenshot(page, 'workspace-conversation-mood');

  // A suggestion chip puts a filled-in reply in the composer.
  const chips = page.getByRole('list', { name: 'Suggested replies' }).getByRole('button');
  await chips.first().waitFor({ timeout: 30_000 });
  await chips.first().click();
  const composer = page.getByLabel('Reply to Morgan Avery');
  const suggested = await composer.inputValue();
  expect(suggested.length).toBeGreaterThan(20);
  expect(suggested).not.toContain('{{');

  await composer.fill(`${suggested} (order #88231)`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => webhookOf(handoffId, 'handoff.reply').length, { timeout: 15_000 }).toBe(1);
  const reply = webhookOf(handoffId, 'handoff.reply')[0]!;
  expect(reply.type === 'handoff.reply' && reply.message.text).toBe(`${suggested} (order #88231)`);
  await page.locator('li.message-agent', { hasText: '(order #88231)' }).waitFor();

  // A note is saved on this device first, then synced to the hub.
  await page.getByLabel('Note', { exact: true }).fill('Promised the refund within 3 working days.');
  await page.getByRole('button', { name: 'Save note' }).click();
  const note = page.getByRole('list', { name: 'About this conversation' }).getByRole('listitem').filter({ hasText: 'Promised the refund' });
  await note.getByText('Synced').waitFor({ timeout: 15_000 });
  await saveScreenshot(page, 'workspace-note-synced');

  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await page.getByLabel('Comment for the team (optional)').fill('Bot could not issue the refund itself');
  await page.getByRole('button', { name: 'Good handoff' }).click();
  await page.getByText(/No conversation open/).waitFor();
  await expect
    .poll(() => webhookOf(handoffId, 'handoff.status').map((e) => (e.type === 'handoff.status' ? e.status : '')), { timeout: 15_000 })
    .toContain('resolved');
  expect(platform.refused).toEqual([]);
});

test('transfer to another queue with a note: the conversation leaves and the platform hears of it', async () => {
  const handoffId = await offer('Riley Chen');
  await page.getByRole('article', { name: 'Riley Chen' }).getByRole('button', { name: 'Accept', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Riley Chen' }).waitFor({ timeout: 15_000 });

  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Transfer this conversation' });
  await dialog.getByRole('combobox', { name: 'Queue' }).fill('billing');
  await dialog.getByLabel('Note for the next agent (optional)').fill('Needs a refund approval from billing');
  await saveScreenshot(page, 'workspace-transfer');
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await page.getByText(/No conversation open/).waitFor({ timeout: 15_000 });

  await expect
    .poll(() => webhookOf(handoffId, 'handoff.status').some((e) => e.type === 'handoff.status' && e.status === 'transferred' && e.queue === 'billing'), { timeout: 15_000 })
    .toBe(true);
  // Excluded from its own transfer: it does not come back to this agent.
  expect(await page.getByRole('article', { name: 'Riley Chen' }).count()).toBe(0);
});

test('decline with a reason: the offer leaves the inbox and the hub records why', async () => {
  const handoffId = await offer('Sasha Brook');
  const row = page.getByRole('article', { name: 'Sasha Brook' });
  await row.getByRole('button', { name: 'Decline', exact: true }).click();
  const form = row.getByRole('form', { name: 'Decline reason' });
  await form.waitFor();
  const reason = await form.getByLabel('Reason').inputValue();
  await row.getByRole('button', { name: 'Confirm decline' }).click();
  await row.waitFor({ state: 'detached', timeout: 15_000 });
  await expect
    .poll(() => platform.events.some((e) => e.handoffId === handoffId && e.type === 'handoff.status' && e.receipt?.stage === 'declined' && e.receipt.detail === reason), {
      timeout: 10_000,
    })
    .toBe(true);
});

test('keyboard only: select, accept, reply with Ctrl+Enter, resolve', async () => {
  const handoffId = await offer('Kai Novak');
  await page.locator('body').focus();
  await page.keyboard.press('j');
  await expect.poll(() => page.getByRole('article', { name: 'Kai Novak' }).getAttribute('aria-current')).toBe('true');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'Kai Novak' }).waitFor({ timeout: 15_000 });

  await page.keyboard.press('r');
  await expect.poll(() => page.locator(':focus').getAttribute('data-composer')).toBe('true');
  await page.keyboard.type('Hello Kai, I am on it.');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => webhookOf(handoffId, 'handoff.reply').length, { timeout: 15_000 }).toBe(1);

  // Tab from the composer back to the header's Resolve button, then grade with the keyboard.
  const resolve = page.getByRole('button', { name: 'Resolve', exact: true });
  for (let i = 0; i < 40 && !(await resolve.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  expect(await resolve.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  const good = page.getByRole('button', { name: 'Good handoff' });
  for (let i = 0; i < 20 && !(await good.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'Kai Novak' }).waitFor({ state: 'detached', timeout: 15_000 });
  await expect
    .poll(() => webhookOf(handoffId, 'handoff.status').map((e) => (e.type === 'handoff.status' ? e.status : '')), { timeout: 15_000 })
    .toContain('resolved');
  await saveScreenshot(page, 'workspace-keyboard-done');
});
