// An automated accessibility audit (axe-core) of the main screens in real Chromium, through the
// browser host: the inbox with offers, the workspace with an open conversation (light and dark),
// the transfer dialog's colleague picker, the shortcut help overlay, and the supervisor view. A
// serious or critical violation (contrast below AA, a control without a name, a wrong role…) fails.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FAILING_IMPACTS = new Set(['serious', 'critical']);

const secret = randomBytes(16).toString('hex');
const tokens = { agent: randomBytes(24).toString('base64url'), lead: randomBytes(24).toString('base64url'), colleague: randomBytes(24).toString('base64url') };
const data = tempDir('baton-e2e-a11y-');
let hub: Hub;
let agentHost: RunningProcess;
let leadHost: RunningProcess;
let colleague: TestAgent;
let browser: Browser;
let platform: PlatformStub;
let linked: LinkedHub;

beforeAll(async () => {
  const skills = skillsUsedBy(DEFAULT_RULES);
  linked = await startLinkedHub({ dataDir: data.path, secret, offerTimeoutMs: 300_000, agents: [
      { id: 'agent-a11y', name: 'Jordan Lee', role: 'agent', skills, capacity: 5, token: tokens.agent },
      { id: 'agent-colleague', name: 'Ann Alvarez', role: 'agent', skills, capacity: 3, token: tokens.colleague },
      { id: 'lead-a11y', name: 'Lee Lead', role: 'supervisor', token: tokens.lead },
    ] });
  ({ hub, platform } = linked);
  [agentHost, leadHost] = await Promise.all([
    startBrowserHost(hub.url, tokens.agent, join(data.path, 'agent')),
    startBrowserHost(hub.url, tokens.lead, join(data.path, 'lead')),
  ]);
  // A colleague who is away: offers go to the audited agent, and the picker has someone to list.
  colleague = await connectTestAgent(hub.wsUrl, tokens.colleague);
  await colleague.request({ type: 'presence', presence: 'away' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await colleague?.close();
  await Promise.all([agentHost?.stop(), leadHost?.stop()]);
  await linked?.close();
  data.remove();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is and returns the serious and critical violations, readably. */
async function audit(page: Page, screen: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe
      .run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as AxeViolation[];
  return violations
    .filter((v) => FAILING_IMPACTS.has(v.impact ?? ''))
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`).join('; ')}`);
}

async function newPage(colorScheme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page }> {
  // axe is injected as a script: the app's CSP (script-src 'self') would refuse it otherwise.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true, colorScheme });
  return { context, page: await context.newPage() };
}

test('the workspace screens have no serious or critical accessibility violations', async () => {
  const problems: string[] = [];
  const ids: string[] = [];
  for (const name of ['Avery Audit', 'Blake Browser', 'Casey Contrast']) {
    const request = handoffRequest();
    ids.push((await platform.postHandoff(hub.url, { ...request, customer: { ...request.customer, name } })).handoffId);
  }
  for (const scheme of ['light', 'dark'] as const) {
    const { context, page } = await newPage(scheme);
    await page.goto(agentHost.url);
    await page.getByRole('article', { name: 'Casey Contrast' }).waitFor({ timeout: 20_000 });
    if (scheme === 'light') {
      problems.push(...(await audit(page, `inbox with offers (${scheme})`)));
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      problems.push(...(await audit(page, 'shortcut help overlay')));
      await saveScreenshot(page, 'a11y-shortcut-help');
      await page.keyboard.press('Escape');
      await page.getByRole('article', { name: 'Avery Audit' }).getByRole('button', { name: 'Accept', exact: true }).click();
    }
    await page.getByRole('heading', { level: 2, name: 'Avery Audit' }).waitFor({ timeout: 15_000 });
    problems.push(...(await audit(page, `workspace with an open conversation (${scheme})`)));
    if (scheme === 'light') {
      await page.getByRole('button', { name: 'Transfer', exact: true }).click();
      await page.getByRole('radio', { name: 'An agent' }).click();
      await page.getByRole('option', { name: /Ann Alvarez/ }).waitFor({ timeout: 10_000 });
      problems.push(...(await audit(page, 'transfer dialog with the colleague picker')));
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }
    await context.close();
  }
  // The always-on-top handoff card (its own window in the desktop app).
  const { context, page } = await newPage('light');
  await page.goto(`${agentHost.url}#/handoff-card/${encodeURIComponent(ids[1]!)}`);
  await page.getByRole('region', { name: 'Blake Browser' }).waitFor({ timeout: 15_000 });
  problems.push(...(await audit(page, 'handoff card')));
  await context.close();
  expect(problems).toEqual([]);
});

test('the supervisor view has no serious or critical accessibility violations', async () => {
  const { context, page } = await newPage('light');
  await page.goto(leadHost.url);
  await page.getByRole('table', { name: 'Agents' }).waitFor({ timeout: 20_000 });
  await page.getByRole('table', { name: 'Agents' }).getByRole('rowheader', { name: 'Jordan Lee' }).waitFor({ timeout: 15_000 });
  const problems = await audit(page, 'supervisor view');
  await context.close();
  expect(problems).toEqual([]);
});
