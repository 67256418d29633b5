// A newcomer's first minute: the browser host in demo mode shows handoffs arriving from the embedded
// hub and simulator; accepting one opens the conversation with the AI's summary.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/chromium';
import { startTsProcess, tempDir, WEB_HOST_READY, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

let browser: Browser;
let host: RunningProcess;
const data = tempDir('baton-e2e-demo-');

beforeAll(async () => {
  host = await startTsProcess('main/web/cli.ts', ['--port', '0', '--demo', '--data', data.path], WEB_HOST_READY);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.remove();
});

test('a demo handoff appears in the inbox and Accept opens its conversation', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(host.url);
  const inbox = page.getByRole('list', { name: 'Handoff inbox' });
  await expect.poll(async () => inbox.getByRole('button', { name: /^Accept/ }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await saveScreenshot(page, 'inbox-demo');

  await inbox.getByRole('button', { name: /^Accept/ }).first().click();
  const summary = page.getByRole('region', { name: 'AI summary' });
  await summary.waitFor({ timeout: 15_000 });
  expect((await summary.innerText()).trim().length).toBeGreaterThan(20);
  await expect.poll(async () => page.getByRole('region', { name: 'Transcript' }).innerText()).not.toBe('');
  await saveScreenshot(page, 'conversation-demo');
  await page.close();
});
