// The supervisor view end to end, in real Chromium: a standalone hub, two browser hosts linked to it
// (a lead's and agent Bob's), agent Ann as a desktop stand-in, and the simulator as the bot platform.
// The lead's view shows queues and agents changing live; reassigning moves a handoff into Bob's
// browser, which sees it arrive without a reload.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHub, type Hub } from '../hub/index';
import { createFixedEscalation } from '../hub/ingest/fixed-escalation';
import { silentLog } from '../hub/hub-log';
import { connectTestAgent, type TestAgent } from '../hub/testing/test-agent';
import { launchChromium } from './harness/chromium';
import { SIMULATOR_DONE, startTsProcess, tempDir, WEB_HOST_READY, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

const secret = randomBytes(16).toString('hex');
const tokens = { lee: randomBytes(24).toString('base64url'), bob: randomBytes(24).toString('base64url'), ann: randomBytes(24).toString('base64url') };
const data = tempDir('baton-e2e-supervisor-');
let hub: Hub;
let leadHost: RunningProcess;
let bobHost: RunningProcess;
let ann: TestAgent;
let browser: Browser;

beforeAll(async () => {
  hub = await createHub({
    port: 0,
    dbPath: join(data.path, 'hub.sqlite'),
    secret,
    offerTimeoutMs: 120_000,
    log: silentLog,
    agents: [
      { id: 'lee', name: 'Lee Lead', role: 'supervisor', token: tokens.lee },
      { id: 'bob', name: 'Bob Baker', role: 'agent', skills: [], capacity: 5, token: tokens.bob },
      { id: 'ann', name: 'Ann Alvarez', role: 'agent', skills: [], capacity: 5, token: tokens.ann },
    ],
    // One queue, no skills: this test is about the lead moving handoffs, not about the rules.
    escalation: createFixedEscalation({ slaSeconds: 600 }),
  });
  [leadHost, bobHost] = await Promise.all([
    startTsProcess('main/web/cli.ts', ['--port', '0', '--hub', hub.url, `--token=${tokens.lee}`, '--data', join(data.path, 'lead')], WEB_HOST_READY),
    startTsProcess('main/web/cli.ts', ['--port', '0', '--hub', hub.url, `--token=${tokens.bob}`, '--data', join(data.path, 'bob')], WEB_HOST_READY),
  ]);
  ann = await connectTestAgent(hub.wsUrl, tokens.ann);
  await ann.setPresence('away');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await ann?.close();
  await Promise.all([leadHost?.stop(), bobHost?.stop()]);
  await hub?.close();
  data.remove();
});

async function waitingNames(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Waiting handoffs' });
  if ((await list.count()) === 0) return [];
  return list.getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
}

test('the lead sees queues and agents live, and a reassign lands in the other agent’s browser', async () => {
  const lead = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await lead.goto(leadHost.url);
  const agents = lead.getByRole('table', { name: 'Agents' });
  await agents.waitFor({ timeout: 20_000 });
  await agents.getByRole('rowheader', { name: 'Ann Alvarez' }).waitFor();
  await agents.getByRole('rowheader', { name: 'Bob Baker' }).waitFor();

  const bob = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await bob.goto(bobHost.url);
  await bob.getByRole('list', { name: 'Handoff inbox' }).waitFor({ timeout: 20_000 });
  // The lead sends Bob away from the grid, so the simulator's handoffs stay in the queue.
  const bobStatus = agents.getByLabel('Status of Bob Baker');
  await expect.poll(() => bobStatus.inputValue(), { timeout: 15_000 }).toBe('available');
  await bobStatus.selectOption('away');
  await expect.poll(() => bobStatus.inputValue(), { timeout: 15_000 }).toBe('away');

  expect(await waitingNames(lead)).toEqual([]);
  const sim = await startTsProcess('hub/simulator/cli.ts', ['--hub', hub.url, '--secret', secret, '--count', '3', '--rate', '5', '--seed', '7'], SIMULATOR_DONE, {
    timeoutMs: 30_000,
  });
  await sim.stop();
  // Queues and the waiting list fill in without a reload.
  await expect.poll(async () => (await waitingNames(lead)).length, { timeout: 20_000 }).toBe(3);
  const queues = lead.getByRole('table', { name: 'Queues' });
  await expect.poll(async () => (await queues.innerText()).includes('general'), { timeout: 10_000 }).toBe(true);

  // An agent's change shows up in the grid live.
  await ann.setPresence('busy');
  await expect.poll(() => agents.getByLabel('Status of Ann Alvarez').inputValue(), { timeout: 15_000 }).toBe('busy');
  await saveScreenshot(lead, 'supervisor-live');

  // Assign the longest-waiting handoff to Bob: it arrives in his browser as one of his conversations.
  const [first, second] = await waitingNames(lead);
  const firstName = first!.split(',')[0]!;
  const firstRow = lead.getByRole('list', { name: 'Waiting handoffs' }).getByRole('listitem', { name: first! });
  await firstRow.getByLabel(`Agent for ${firstName}`).selectOption('bob');
  await firstRow.getByRole('button', { name: `Assign ${firstName} to the chosen agent` }).click();
  const bobConversations = bob.getByRole('navigation', { name: 'Your conversations' });
  await expect.poll(async () => ((await bobConversations.count()) ? bobConversations.innerText() : ''), { timeout: 15_000 }).toContain(firstName);
  await expect.poll(async () => (await waitingNames(lead)).length, { timeout: 15_000 }).toBe(2);
  await expect
    .poll(async () => lead.getByRole('list', { name: 'Handoffs in conversation' }).innerText(), { timeout: 15_000 })
    .toContain(firstName);

  // Offer the next one to Bob instead: it arrives in his inbox with an Accept button.
  const secondName = second!.split(',')[0]!;
  const secondRow = lead.getByRole('list', { name: 'Waiting handoffs' }).getByRole('listitem', { name: second! });
  await secondRow.getByLabel(`Agent for ${secondName}`).selectOption('bob');
  await secondRow.getByRole('button', { name: 'Offer', exact: true }).click();
  const inbox = bob.getByRole('list', { name: 'Handoff inbox' });
  await expect.poll(async () => inbox.innerText(), { timeout: 15_000 }).toContain(secondName);
  await expect.poll(async () => inbox.getByRole('button', { name: /^Accept/ }).count(), { timeout: 15_000 }).toBe(1);
  await saveScreenshot(bob, 'supervisor-reassigned-agent');

  // The reports tab draws its charts from the same hub.
  await lead.getByRole('button', { name: 'Reports', exact: true }).click();
  const rules = lead.getByRole('table', { name: 'Rules report' });
  await rules.waitFor({ timeout: 20_000 });
  expect(await rules.innerText()).toContain('defaults');
  expect(await lead.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(4);
  await saveScreenshot(lead, 'supervisor-reports');
  await lead.close();
  await bob.close();
});
