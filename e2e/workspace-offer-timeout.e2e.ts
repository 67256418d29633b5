// An offer nobody answers, in real Chromium: the countdown runs out, the offer leaves this agent's
// inbox, and the hub offers it to the next available agent (a second agent connected to the hub).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Hub } from '../hub/index';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { connectTestAgent, type TestAgent } from '../hub/testing/test-agent';
import { launchChromium } from './harness/chromium';
import { startBrowserHost, startLinkedHub, type LinkedHub } from './harness/linked-hub';
import type { PlatformStub } from './harness/platform-stub';
import { tempDir, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

const OFFER_TIMEOUT_MS = 5_000;
const secret = randomBytes(16).toString('hex');
const tokens = { browser: randomBytes(24).toString('base64url'), other: randomBytes(24).toString('base64url') };
const data = tempDir('baton-e2e-offer-timeout-');
let hub: Hub;
let host: RunningProcess;
let browser: Browser;
let platform: PlatformStub;
let linked: LinkedHub;
let other: TestAgent;

beforeAll(async () => {
  const skills = skillsUsedBy(DEFAULT_RULES);
  linked = await startLinkedHub({ dataDir: data.path, secret, offerTimeoutMs: OFFER_TIMEOUT_MS, agents: [
      { id: 'agent-browser', name: 'Jordan Lee', role: 'agent', skills, capacity: 3, token: tokens.browser },
      { id: 'agent-other', name: 'Ann Alvarez', role: 'agent', skills, capacity: 3, token: tokens.other },
    ] });
  ({ hub, platform } = linked);
  // The colleague is away at first, so the first offer goes to the browser's agent.
  other = await connectTestAgent(hub.wsUrl, tokens.other);
  await other.request({ type: 'presence', presence: 'away' });
  host = await startBrowserHost(hub.url, tokens.browser, join(data.path, 'desktop'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await other?.close();
  await host?.stop();
  await linked?.close();
  data.remove();
});

test('an unanswered offer times out, leaves this inbox and is offered to the next agent', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(host.url);
  await page.getByRole('list', { name: 'Handoff inbox' }).waitFor();
  const request = handoffRequest();
  const { handoffId } = await platform.postHandoff(hub.url, { ...request, customer: { ...request.customer, name: 'Toni Walsh' } });

  const row = page.getByRole('article', { name: 'Toni Walsh' });
  await row.waitFor({ timeout: 15_000 });
  expect(await row.textContent()).toMatch(/Expires in 0:0\d/);
  await saveScreenshot(page, 'workspace-offer-countdown');
  await other.request({ type: 'presence', presence: 'available' });

  await row.waitFor({ state: 'detached', timeout: OFFER_TIMEOUT_MS + 10_000 });
  const moved = await other.waitForEvent('offer', (e) => e.handoff.id === handoffId, 10_000);
  expect(moved.handoff.id).toBe(handoffId);
  // The hub told the platform about the timeout as a receipt on the status webhook.
  await expect
    .poll(() => platform.events.some((e) => e.handoffId === handoffId && e.type === 'handoff.status' && e.receipt?.stage === 'timed_out'), { timeout: 10_000 })
    .toBe(true);
  await page.close();
});
