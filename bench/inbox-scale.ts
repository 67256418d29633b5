// Renderer: the agent's inbox holding thousands of handoffs, in real Chromium. The browser host's
// desktop services are linked to a real hub; the handoffs are put straight into the desktop inbox
// (a hub offers an agent at most its capacity, 50), so the page has N rows to list. Measured in the
// page with the Performance API: navigation start → the first frame after the list has a row, the
// long tasks (PerformanceObserver 'longtask', i.e. tasks over 50 ms) until then, the long tasks
// after it while the later pages load (until the inbox lists all N), and the long tasks while the
// list is scrolled from top to bottom, three quarters of a screen per animation frame.
// BATON_BENCH_PROFILE=1 / BATON_BENCH_TRACE=1 print where the scroll's time goes (JS / timeline).
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import type { InboxItem } from '../shared/api';
import { PRIORITIES, TRIGGERS } from '../shared/domain';
import { createHub, type Hub } from '../hub/index';
import { silentLog } from '../hub/hub-log';
import { makeTempDir, type TempDir } from '../hub/testing/temp-dir';
import { silentLogger } from '../main/services/logger';
import { DEFAULT_STATIC_DIR, startWebHost, type WebHost } from '../main/web/web-host';
import { makeInboxItem } from '../renderer/testing/handoff-fixtures';
import { launchChromium } from '../e2e/harness/chromium';
import { cdpEvaluator } from './cdp-evaluate';

export interface InboxScaleFigures {
  rows: number;
  firstPaintMs: number;
  paintLongTasks: number;
  paintMaxLongTaskMs: number;
  /** Total blocking time until the first paint: the sum over long tasks of their time beyond 50 ms. */
  paintBlockingMs: number;
  scrollLongTasks: number;
  scrollMaxLongTaskMs: number;
  scrollFrames: number;
  /** Navigation start → the inbox listing all N (the later pages merged). */
  allListedMs: number;
  /** Long tasks after the first paint while the later pages load and merge. */
  loadLongTasks: number;
  loadMaxLongTaskMs: number;
  loadBlockingMs: number;
  /** Distinct handoffs that were on screen at some point while scrolling (all of them, when it works). */
  scrolledRows: number;
}


const PROBE = `
  (() => {
    const probe = { listPaint: null, tasks: [] };
    window.__batonInboxProbe = probe;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    let painted;
    probe.painted = new Promise((resolve) => { painted = resolve; });
    const look = () => {
      if (probe.listPaint !== null) return;
      const list = document.querySelector('[aria-label="Handoff inbox"]');
      if (!list || !list.querySelector('[data-handoff-id]')) return;
      observer.disconnect();
      requestAnimationFrame(() => { probe.listPaint = performance.now(); painted(probe.listPaint); });
    };
    const observer = new MutationObserver(look);
    observer.observe(document, { childList: true, subtree: true });
    // Resolves with the time the inbox's count first read n (every page of the list merged).
    probe.listed = (n) => new Promise((resolve) => {
      const shown = () => document.querySelector('#inbox-heading + .count')?.textContent === String(n);
      if (shown()) return resolve(performance.now());
      const watch = new MutationObserver(() => {
        if (!shown()) return;
        watch.disconnect();
        resolve(performance.now());
      });
      watch.observe(document, { childList: true, subtree: true, characterData: true });
    });
  })();
`;

/**
 * Total blocking time (as Lighthouse counts it): the time long tasks ran beyond 50 ms. Unlike the
 * count it does not grow when one long task is cut into several shorter ones.
 */
export function blockingMs(tasks: readonly { duration: number }[]): number {
  return tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
}

/** An agent's capacity at most: the rest are queued handoffs (listed with a countdown, not alerted). */
const OFFERED = 50;

/** Handoffs as the hub sends them (full transcript), spread over priorities, triggers and ages. */
export function inboxItems(count: number, now = Date.now()): InboxItem[] {
  return Array.from({ length: count }, (_, i) => {
    const status = i < OFFERED ? 'offered' : 'queued';
    const base = makeInboxItem({ id: `bench-${i}`, customerName: `Customer ${i}`, priority: PRIORITIES[i % 4], trigger: TRIGGERS[i % TRIGGERS.length], status });
    const receivedAt = now - ((i * 7919) % 3_600) * 1000;
    return {
      handoff: { ...base.handoff, receivedAt: new Date(receivedAt).toISOString(), slaDeadline: new Date(receivedAt + 3_600_000).toISOString() },
      offerExpiresAt: new Date(now + 3_600_000 + i).toISOString(),
    };
  });
}

/**
 * Installed with the probe (a plain script: functions handed to page.evaluate from this file are
 * compiled by tsx with helpers the page does not have): scrolls the inbox from top to bottom,
 * noting every row that was on screen.
 */
const SCROLLER = `
  window.__batonScrollInbox = async () => {
    const scroller = document.querySelector('.offer-scroll');
    // A short inbox is not virtualized: nothing to scroll through.
    if (!scroller) return { frames: 0, seen: document.querySelectorAll('[data-handoff-id]').length };
    const seen = new Set();
    let frames = 0;
    const note = () => { for (const row of scroller.querySelectorAll('[data-handoff-id]')) seen.add(row.getAttribute('data-handoff-id')); };
    note();
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      // Three quarters of a screen per frame: fast, and every row is on screen at least once.
      scroller.scrollTop += Math.floor(scroller.clientHeight * 0.75);
      await new Promise((r) => requestAnimationFrame(() => r()));
      note();
      frames++;
    }
    await new Promise((r) => requestAnimationFrame(() => r()));
    note();
    return { frames, seen: seen.size };
  };
`;


export async function measureInboxAtScale(count: number, options: { staticDir?: string } = {}): Promise<InboxScaleFigures> {
  const dir: TempDir = makeTempDir('baton-bench-inbox-');
  const token = randomBytes(24).toString('base64url');
  let hub: Hub | null = null;
  let host: WebHost | null = null;
  let browser: Browser | null = null;
  try {
    hub = await createHub({ port: 0, dbPath: dir.file('hub.sqlite'), secret: randomBytes(16).toString('hex'), agents: [{ id: 'ann', name: 'Ann Agent', role: 'agent', token }], httpRateLimit: null, log: silentLog });
    host = await startWebHost({ port: 0, staticDir: options.staticDir ?? DEFAULT_STATIC_DIR, config: { mode: 'hub', hubUrl: hub.url, token, dataDir: dir.file('desktop') }, plugins: [], log: silentLogger });
    const services = host.services!;
    const deadline = Date.now() + 30_000;
    while (services.link.state.status !== 'open') {
      if (Date.now() > deadline) throw new Error('the host did not connect to the hub');
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const item of inboxItems(count)) services.inbox.offerReceived(item.handoff, item.offerExpiresAt!);

    browser = await launchChromium();
    const measure = async () => {
      const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(PROBE);
        await page.addInitScript(SCROLLER);
        // Every read and wait goes over CDP: Playwright's own evaluate would inject its utility
        // script into the page, a long task of its own (bench/cdp-evaluate.ts).
        const inPage = await cdpEvaluator(page);
        await page.goto(host!.url);
        await inPage('window.__batonInboxProbe.painted');
        // Let the rest of the list (it arrives in pages) settle before scrolling.
        const listedAt = await inPage<number>(`window.__batonInboxProbe.listed(${count})`).catch(async (error: unknown) => {
          const shown = await inPage<string | null>(`document.querySelector('#inbox-heading + .count')?.textContent ?? null`, 5_000).catch(() => null);
          throw new Error(`the inbox showed ${shown ?? 'no'} of ${count} handoffs: ${String(error)}`);
        });
        const probe = await inPage<{ listPaint: number; tasks: { start: number; duration: number }[] }>('({ listPaint: window.__batonInboxProbe.listPaint, tasks: window.__batonInboxProbe.tasks })');
        const paint = { at: probe.listPaint, tasks: probe.tasks.filter((t) => t.start < probe.listPaint) };
        const loading = probe.tasks.filter((t) => t.start >= probe.listPaint && t.start < listedAt);
        const before = probe.tasks.length;
        const cdp = process.env.BATON_BENCH_PROFILE ? await context.newCDPSession(page) : null;
        if (cdp) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.start');
        }
        const tracing = process.env.BATON_BENCH_TRACE ? await context.newCDPSession(page) : null;
        const traceEvents: { name: string; dur?: number; ph: string; tid: number }[] = [];
        if (tracing) {
          (tracing as unknown as { on(name: string, fn: (e: { value: typeof traceEvents }) => void): void }).on('Tracing.dataCollected', (e) => traceEvents.push(...e.value));
          await tracing.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
        }
        const scrolled = await inPage<{ frames: number; seen: number }>('window.__batonScrollInbox()', 120_000);
        if (tracing) {
          const done = new Promise((r) => (tracing as unknown as { once(name: string, fn: (v: unknown) => void): void }).once('Tracing.tracingComplete', r));
          await tracing.send('Tracing.end');
          await done;
          const byName = new Map<string, number>();
          for (const e of traceEvents) if (e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
          console.error([...byName].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'));
        }
        if (cdp) {
          const { profile } = await cdp.send('Profiler.stop');
          const self = new Map<string, number>();
          const dt = profile.timeDeltas ?? [];
          const byId = new Map(profile.nodes.map((n) => [n.id, n]));
          (profile.samples ?? []).forEach((id, i) => {
            const n = byId.get(id)!;
            const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
            self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
          });
          console.error([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join('\n'));
        }
        const scrollTasks = (await inPage<{ start: number; duration: number }[]>('window.__batonInboxProbe.tasks')).slice(before);
        return {
          rows: count,
          firstPaintMs: paint.at,
          paintLongTasks: paint.tasks.length,
          paintMaxLongTaskMs: Math.max(0, ...paint.tasks.map((t) => t.duration)),
          paintBlockingMs: blockingMs(paint.tasks),
          scrollLongTasks: scrollTasks.length,
          scrollMaxLongTaskMs: Math.max(0, ...scrollTasks.map((t) => t.duration)),
          scrollFrames: scrolled.frames,
          allListedMs: listedAt,
          loadLongTasks: loading.length,
          loadMaxLongTaskMs: Math.max(0, ...loading.map((t) => t.duration)),
          loadBlockingMs: blockingMs(loading),
          scrolledRows: scrolled.seen,
        } satisfies InboxScaleFigures;
      } finally {
        await context.close();
      }
    };
    // A first load warms Chromium's caches for the bundle, as a returning user's would be.
    await measure().catch(() => undefined);
    return await measure();
  } finally {
    await browser?.close();
    await host?.close();
    await hub?.close();
    dir.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 5_000);
  measureInboxAtScale(count, { staticDir: process.argv[3] }).then(
    (figures) => {
      console.log(JSON.stringify(figures, null, 2));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
