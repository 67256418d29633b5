// The reply library in real Chromium against the browser host in demo mode (real local store, real
// embedding model): a lead adds a team reply in Settings → Reply library, it is suggested for the
// customer message it was written for, one click puts it in the composer filled in; the reply sent
// is marked as good and shows up in the library as the agent's own. After a restart of the host the
// team reply is still there with its usage count.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness/chromium';
import { startTsProcess, tempDir, WEB_HOST_READY, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

let browser: Browser;
let host: RunningProcess;
const data = tempDir('baton-e2e-replies-');
const startHost = () => startTsProcess('main/web/cli.ts', ['--port', '0', '--demo', '--data', data.path], WEB_HOST_READY);

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.remove();
});

const TITLE = 'Personal follow-up (team)';

async function openLibrary(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  const section = dialog.getByRole('region', { name: 'Reply library' });
  await section.getByRole('list', { name: 'Replies' }).waitFor({ timeout: 15_000 });
  return { dialog, section };
}

test('a team reply added in Settings is suggested, fills the composer, and a sent reply marked good joins the library', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(host.url);
  const inbox = page.getByRole('list', { name: 'Handoff inbox' });
  await expect.poll(async () => inbox.getByRole('button', { name: /^Accept/ }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await inbox.getByRole('button', { name: /^Accept/ }).first().click();
  const heading = page.locator('h2#conversation-heading');
  await heading.waitFor({ timeout: 15_000 });
  const customerName = (await heading.innerText()).trim();
  const firstName = customerName.split(/\s+/)[0]!;
  const transcript = page.getByRole('region', { name: 'Transcript' });
  await transcript.locator('li.message-customer').first().waitFor({ timeout: 15_000 });
  // What this customer said is what the new reply answers.
  const said = (await transcript.locator('li.message-customer .message-text').allInnerTexts()).map((t) => t.trim()).filter(Boolean);

  // Settings → Reply library → New reply, with a mistake first: the error shows next to the field.
  const { dialog, section } = await openLibrary(page);
  await section.getByRole('button', { name: 'New reply' }).click();
  const form = section.getByRole('form', { name: 'New reply' });
  await form.getByLabel('Title', { exact: true }).fill(TITLE);
  await form.getByLabel('Intent', { exact: true }).fill('follow_up');
  const text = form.getByLabel('Reply text', { exact: true });
  await text.fill('Hi {{customer.nickname}}, I am taking this over personally and will stay with you until it is sorted.');
  await form.getByLabel('Example customer messages (one per line)', { exact: true }).fill(said.slice(-5).join('\n'));
  await form.getByRole('button', { name: 'Save reply' }).click();
  await form.getByText(/^unknown placeholder \{\{customer\.nickname\}\}/).waitFor();
  expect(await text.getAttribute('aria-invalid')).toBe('true');
  await text.fill('Hi {{customer.firstName}}, I am taking this over personally and will stay with you until it is sorted.');
  await form.getByRole('button', { name: 'Save reply' }).click();
  const row = section.getByRole('listitem', { name: TITLE });
  await row.waitFor();
  expect(await row.innerText()).toContain('Team');
  await saveScreenshot(page, 'reply-library-settings');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // The suggestion for this conversation now includes it; one click fills the composer.
  const chip = page.getByRole('list', { name: 'Suggested replies' }).getByRole('button', { name: TITLE });
  await chip.waitFor({ timeout: 30_000 });
  await chip.click();
  const composer = page.getByLabel(`Reply to ${customerName}`);
  const filled = `Hi ${firstName}, I am taking this over personally and will stay with you until it is sorted.`;
  expect(await composer.inputValue()).toBe(filled);
  await saveScreenshot(page, 'reply-library-suggested');

  // Sent, then marked as good: it becomes the agent's own reply in the library.
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const sent = transcript.locator('li.message-agent', { hasText: 'I am taking this over personally' });
  await sent.waitFor({ timeout: 15_000 });
  const mark = sent.getByRole('button', { name: 'Mark as good reply' });
  await mark.focus();
  await page.keyboard.press('Enter');
  await sent.getByRole('button', { name: 'Saved as good reply' }).waitFor({ timeout: 15_000 });

  const again = await openLibrary(page);
  await again.section.getByLabel('Origin', { exact: true }).selectOption('agent');
  const mine = again.section.getByRole('list', { name: 'Replies' }).getByRole('listitem');
  await expect.poll(() => mine.count()).toBe(1);
  expect(await mine.first().innerText()).toContain('{{customer.firstName}}, I am taking this over personally');
  await again.section.getByLabel('Origin', { exact: true }).selectOption('team');
  await expect.poll(() => again.section.getByRole('listitem', { name: TITLE }).innerText()).toContain('Used once');
  await page.close();
});

test('the team reply and its usage count are still there after the host restarts', async () => {
  await host.stop();
  host = await startHost();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(host.url);
  const { section } = await openLibrary(page);
  const row = section.getByRole('listitem', { name: TITLE });
  await row.waitFor();
  expect(await row.innerText()).toContain('Used once');
  await page.close();
});
