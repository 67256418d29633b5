// Settings → Models in real Chromium against the browser host (a child process, as a user starts
// it), with the model catalog pointed at a local Hugging Face-like server (BATON_MODEL_CATALOG_URL)
// that serves the built-in embedding model's files as "all-MiniLM-L6-v2". The download stops
// half-way until the test lets it go, so the progress bar is seen without timing guesses; then the
// agent switches reply suggestions to the downloaded model and suggestions still appear.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ModelFileServer } from '../main/services/intelligence/model-file-server';
import { launchChromium } from './harness/chromium';
import { REPO_ROOT, startTsProcess, tempDir, WEB_HOST_READY, type RunningProcess } from './harness/processes';
import { saveScreenshot } from './harness/screenshots';

const MINILM = 'all-MiniLM-L6-v2 (English sentence embeddings)';
const data = tempDir('baton-e2e-models-');
const server = new ModelFileServer();
let host: RunningProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const embed = join(REPO_ROOT, 'models', 'baton-embed-mini');
  server.addRepo(
    'Xenova/all-MiniLM-L6-v2',
    {
      'config.json': readFileSync(join(embed, 'config.json')),
      'tokenizer.json': readFileSync(join(embed, 'tokenizer.json')),
      'tokenizer_config.json': readFileSync(join(embed, 'tokenizer_config.json')),
      // The catalog asks for the quantized file (dtype q8); any valid ONNX graph loads under that name.
      'onnx/model_quantized.onnx': readFileSync(join(embed, 'onnx', 'model.onnx')),
    },
    { faults: { 'onnx/model_quantized.onnx': 'hold' } },
  );
  await server.start();
  host = await startTsProcess('main/web/cli.ts', ['--port', '0', '--demo', '--data', data.path], WEB_HOST_READY, {
    env: { BATON_MODEL_CATALOG_URL: server.url },
    timeoutMs: 60_000,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(host.url);
  await page.getByRole('list', { name: 'Handoff inbox' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await server.close();
  data.remove();
});

test('downloads an optional model with a visible progress bar and switches reply suggestions to it', async () => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const suggestions = dialog.getByRole('group', { name: 'Reply suggestions (embeddings)' });
  await expect.poll(() => suggestions.innerText(), { timeout: 15_000 }).toContain('In use: baton-embed-mini (built in)');
  const row = suggestions.getByRole('listitem', { name: MINILM });
  expect(await row.innerText()).toContain('Licence: Apache-2.0');

  await row.getByRole('button', { name: `Download ${MINILM}` }).click();
  await server.whenHeld();
  const bar = row.getByRole('progressbar', { name: `Downloading ${MINILM}` });
  // Half of the ONNX file has arrived: the bar shows a real percentage between 0 and 100.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(10);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
  expect(await bar.getAttribute('aria-valuetext')).toMatch(/file 4 of 4: onnx\/model_quantized\.onnx/);
  await row.getByRole('button', { name: `Cancel download of ${MINILM}` }).waitFor();
  await saveScreenshot(page, 'models-downloading');

  server.release();
  const use = row.getByRole('button', { name: `Use ${MINILM}` });
  await use.waitFor({ timeout: 30_000 });
  expect(await row.getByRole('progressbar').count()).toBe(0);
  expect(await row.innerText()).toContain('Downloaded');
  await use.click();
  await expect.poll(() => suggestions.innerText(), { timeout: 30_000 }).toMatch(new RegExp(`In use: ${MINILM.replace(/[()]/g, '\\$&')} — ready`));
  expect(await row.innerText()).toContain('In use');
  await saveScreenshot(page, 'models-switched');

  // Suggestions come from the new model: accept a demo handoff and see them.
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  const inbox = page.getByRole('list', { name: 'Handoff inbox' });
  await expect.poll(async () => inbox.getByRole('button', { name: /^Accept/ }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await inbox.getByRole('button', { name: /^Accept/ }).first().click();
  const chips = page.getByRole('list', { name: 'Suggested replies' });
  await expect.poll(async () => chips.getByRole('button').count(), { timeout: 30_000 }).toBeGreaterThan(0);
});
