// Settings in real Chromium through the browser host in demo mode: opened with the keyboard
// (Ctrl+,), the theme switched to dark (the page's data-theme changes, survives a reload and is
// there for a fresh browser profile too, because the settings live with the services), quiet hours
// turned on and saved to the settings file, the test sound played by Web Audio; then a new demo
// offer arriving while the page is focused shows the in-app banner.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from './harness/chromium';
import { startTsProcess, tempDir, WEB_HOST_READY, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

let browser: Browser;
let host: RunningProcess;
const data = tempDir('baton-e2e-settings-');

beforeAll(async () => {
  host = await startTsProcess('main/web/cli.ts', ['--port', '0', '--demo', '--data', data.path], WEB_HOST_READY, { timeoutMs: 60_000 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.remove();
});

const theme = (page: Page) => page.locator('html').getAttribute('data-theme');
const announcer = (page: Page) => page.getByTestId('live-announcer').innerText();

test('Settings by keyboard: dark theme persists, quiet hours saved, test sound plays; a new offer shows the banner', { timeout: 150_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(host.url);
  await page.getByRole('list', { name: 'Handoff inbox' }).waitFor();
  expect(await theme(page)).toBe('system');

  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  // Focus starts inside the dialog.
  expect(await dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);

  await dialog.getByRole('radio', { name: 'Dark' }).check();
  expect(await theme(page)).toBe('dark');
  await expect.poll(() => announcer(page)).toContain('Theme saved');

  await dialog.getByRole('checkbox', { name: 'Quiet hours on' }).check();
  await expect.poll(() => announcer(page)).toContain('Alert settings saved');
  // The demo hub is in use: the hub section is read-only.
  expect(await dialog.getByLabel('Hub address', { exact: true }).getAttribute('readonly')).not.toBeNull();

  await dialog.getByRole('button', { name: 'Test sound' }).click();
  // Web Audio played it: no "cannot play sound" message next to the button.
  await page.waitForTimeout(300);
  expect(await dialog.getByText(/cannot play sound|volume is at 0/).count()).toBe(0);
  await saveScreenshot(page, 'settings-dialog');

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  const saved = JSON.parse(readFileSync(join(data.path, 'settings.json'), 'utf8')) as { theme: string; alerts: { doNotDisturb: { enabled: boolean } } };
  expect(saved.theme).toBe('dark');
  expect(saved.alerts.doNotDisturb.enabled).toBe(true);

  await page.reload();
  await page.getByRole('list', { name: 'Handoff inbox' }).waitFor();
  expect(await theme(page)).toBe('dark');
  // A fresh profile (no localStorage) gets the theme from the settings, not from this browser.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(host.url);
  await expect.poll(() => theme(other), { timeout: 15_000 }).toBe('dark');
  await fresh.close();

  // A new demo offer (the simulator posts one every 20–40 s) while the page is focused: the banner.
  await page.bringToFront();
  expect(await page.locator('html').evaluate((el) => el.ownerDocument.hasFocus())).toBe(true);
  const banner = page.getByRole('region', { name: 'New handoff' });
  await banner.waitFor({ timeout: 60_000 });
  expect(await banner.getByRole('button', { name: /^Accept the handoff from/ }).count()).toBe(1);
  expect(await banner.getByRole('button', { name: /^Decline the handoff from/ }).count()).toBe(1);
  expect(await banner.getByRole('button', { name: /^View the handoff from/ }).count()).toBe(1);
  expect(await announcer(page)).toMatch(/New handoff from .* banner at the top/);
  await saveScreenshot(page, 'offer-banner');

  await banner.getByRole('button', { name: /^Accept the handoff from/ }).click();
  await banner.waitFor({ state: 'detached', timeout: 15_000 });
  await page.close();
});
