// `npm run web -- --demo --as supervisor`: the embedded hub, the simulator and simulated colleagues.
// The lead's view fills in by itself: handoffs arrive, colleagues take them, the grid follows.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/chromium';
import { startTsProcess, tempDir, WEB_HOST_READY, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

let browser: Browser;
let host: RunningProcess;
const data = tempDir('baton-e2e-supervisor-demo-');

beforeAll(async () => {
  host = await startTsProcess('main/web/cli.ts', ['--port', '0', '--demo', '--as', 'supervisor', '--data', data.path], WEB_HOST_READY);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.remove();
});

test('the demo supervisor sees the team by name and handoffs moving from the queue into conversations', async () => {
  expect(host.output()).toContain('Sam Okafor (supervisor)');
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(host.url);
  const agents = page.getByRole('table', { name: 'Agents' });
  await agents.waitFor({ timeout: 30_000 });
  for (const name of ['Alex Rivera', 'Priya Shah', 'Marco Rossi', 'Lena Fischer', 'Kenji Watanabe']) {
    await agents.getByRole('rowheader', { name }).waitFor();
  }
  // Colleagues connect and are offered the simulator's handoffs (their load rises), then accept
  // them after a moment: the lead sees conversations begin, live, without reloading.
  const totalLoad = () => agents.locator('meter').evaluateAll((meters) => meters.reduce((sum, m) => sum + Number(m.getAttribute('value') ?? 0), 0));
  await expect.poll(totalLoad, { timeout: 40_000 }).toBeGreaterThan(0);
  const inConversation = page.getByRole('list', { name: 'Handoffs in conversation' });
  await expect.poll(async () => ((await inConversation.count()) ? inConversation.getByRole('listitem').count() : 0), { timeout: 40_000 }).toBeGreaterThan(0);
  expect(await page.getByText(/\d+ online/).innerText()).not.toBe('0 online');
  await saveScreenshot(page, 'supervisor-demo');
  await page.close();
});
