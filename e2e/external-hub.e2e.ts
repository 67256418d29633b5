// The real deployment shape: a standalone hub, the browser host linked to it with an agent token,
// and the simulator (as the bot platform) posting one signed handoff.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createHub, type Hub } from '../hub/index';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { launchChromium } from './harness/chromium';
import { SIMULATOR_DONE, startTsProcess, tempDir, WEB_HOST_READY, type RunningProcess } from './harness/processes';

const secret = randomBytes(16).toString('hex');
const token = randomBytes(24).toString('base64url');
const data = tempDir('baton-e2e-external-');
let hub: Hub;
let host: RunningProcess;
let browser: Browser;

beforeAll(async () => {
  hub = await createHub({
    port: 0,
    dbPath: join(data.path, 'hub.sqlite'),
    secret,
    agents: [{ id: 'agent-e2e', name: 'Jordan Lee', role: 'agent', skills: skillsUsedBy(DEFAULT_RULES), capacity: 3, token }],
  });
  host = await startTsProcess(
    'main/web/cli.ts',
    ['--port', '0', '--hub', hub.url, `--token=${token}`, '--data', join(data.path, 'desktop')],
    WEB_HOST_READY,
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await hub?.close();
  data.remove();
});

test('a handoff posted by the simulator reaches the inbox of the linked agent', async () => {
  const page = await browser.newPage();
  await page.goto(host.url);
  const inbox = page.getByRole('list', { name: 'Handoff inbox' });
  await inbox.waitFor();
  expect(await inbox.getByRole('button', { name: /^Accept/ }).count()).toBe(0);

  const sim = await startTsProcess(
    'hub/simulator/cli.ts',
    ['--hub', hub.url, '--secret', secret, '--count', '1', '--rate', '5', '--seed', '42'],
    SIMULATOR_DONE,
    { timeoutMs: 30_000 },
  );
  await expect.poll(async () => inbox.getByRole('button', { name: /^Accept/ }).count(), { timeout: 20_000 }).toBe(1);
  await sim.stop();

  await inbox.getByRole('button', { name: /^Accept/ }).first().click();
  await page.getByRole('region', { name: 'AI summary' }).waitFor({ timeout: 15_000 });
  await page.close();
});
