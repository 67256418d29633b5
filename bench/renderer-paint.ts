// Renderer: time to first inbox paint in real Chromium, served by the browser host linked to a hub
// that holds thousands of waiting handoffs. The agent's inbox gets its offers (up to its capacity)
// and the lead's board gets the waiting list (the snapshot lists the most urgent, counts the rest).
// Measured in the page with the Performance API: navigation start → the first frame after the
// list has its first row (a requestAnimationFrame after the DOM change), plus the long tasks
// (PerformanceObserver 'longtask') until then. Baseline: the same page against an empty hub.
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { createHub, type Hub } from '../hub/index';
import { silentLog } from '../hub/hub-log';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { postSigned } from '../hub/testing/signed-post';
import { makeTempDir, type TempDir } from '../hub/testing/temp-dir';
import { INGEST_PATHS } from '../shared/ingest';
import { silentLogger } from '../main/services/logger';
import { DEFAULT_STATIC_DIR, startWebHost, type WebHost } from '../main/web/web-host';
import { launchChromium } from '../e2e/harness/chromium';
import { entry, type BenchEntry, type BenchSuite } from './bench-entry';
import { measureInboxAtScale } from './inbox-scale';
import { cdpEvaluator } from './cdp-evaluate';

export interface PaintFigures {
  /** Navigation start → first frame with a row in the list. */
  firstListPaintMs: number;
  firstContentfulPaintMs: number;
  longTasks: number;
  longTaskMs: number;
  maxLongTaskMs: number;
  /** Total blocking time: the sum over long tasks of their time beyond 50 ms. */
  blockingMs: number;
  rows: number;
}

/** Runs in the page before any of its scripts: watches for the list's first row. */
const PROBE = (listLabel: string) => `
  (() => {
    const probe = { listPaint: null, longTasks: 0, longTaskMs: 0, maxLongTaskMs: 0, blockingMs: 0, rows: 0 };
    window.__batonPaintProbe = probe;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          // Until the list's first paint: the figures are about what it takes to get there.
          if (probe.listPaint !== null && e.startTime >= probe.listPaint) continue;
          probe.longTasks++; probe.longTaskMs += e.duration; probe.maxLongTaskMs = Math.max(probe.maxLongTaskMs, e.duration);
          probe.blockingMs += Math.max(0, e.duration - 50);
        }
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    const look = () => {
      if (probe.listPaint !== null) return;
      const list = document.querySelector('[aria-label=${JSON.stringify(listLabel)}]');
      const rows = list ? list.querySelectorAll('[role=listitem], li').length : 0;
      if (rows === 0) return;
      probe.rows = rows;
      observer.disconnect();
      requestAnimationFrame(() => { probe.listPaint = performance.now(); painted(); });
    };
    let painted;
    probe.painted = new Promise((resolve) => { painted = resolve; });
    const observer = new MutationObserver(look);
    observer.observe(document, { childList: true, subtree: true });
  })();
`;

async function measurePage(browser: Browser, url: string, listLabel: string): Promise<PaintFigures> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE(listLabel));
    // Over CDP, not page.evaluate: Playwright's utility script would be a long task of its own.
    const inPage = await cdpEvaluator(page);
    await page.goto(url);
    await inPage('window.__batonPaintProbe.painted');
    // The paint timing entry is queued after the frame it describes; on a busy machine it may not
    // be there yet when the list's frame is.
    await inPage(
      `new Promise((resolve) => {
        const look = () => (performance.getEntriesByName('first-contentful-paint').length > 0 ? resolve(true) : setTimeout(look, 50));
        look();
      })`,
      10_000,
    ).catch(() => undefined);
    // JSON has no NaN: a missing paint entry comes back as null.
    const figures = await inPage<Omit<PaintFigures, 'firstContentfulPaintMs'> & { firstContentfulPaintMs: number | null }>(`(() => {
      const probe = window.__batonPaintProbe;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      return { firstListPaintMs: probe.listPaint, firstContentfulPaintMs: fcp, longTasks: probe.longTasks, longTaskMs: probe.longTaskMs, maxLongTaskMs: probe.maxLongTaskMs, blockingMs: probe.blockingMs, rows: probe.rows };
    })()`);
    return { ...figures, firstContentfulPaintMs: figures.firstContentfulPaintMs ?? NaN };
  } finally {
    await context.close();
  }
}

interface Scene {
  hub: Hub;
  hosts: { agent: WebHost; lead: WebHost };
  dir: TempDir;
  close(): Promise<void>;
}

async function scene(handoffs: number): Promise<Scene> {
  const dir = makeTempDir('baton-bench-paint-');
  const secret = randomBytes(16).toString('hex');
  const tokens = { agent: randomBytes(24).toString('base64url'), lead: randomBytes(24).toString('base64url') };
  const hub = await createHub({
    port: 0,
    dbPath: dir.file('hub.sqlite'),
    secret,
    agents: [
      { id: 'ann', name: 'Ann Agent', role: 'agent', skills: skillsUsedBy(DEFAULT_RULES), capacity: 50, token: tokens.agent },
      { id: 'lee', name: 'Lee Lead', role: 'supervisor', token: tokens.lead },
    ],
    httpRateLimit: null,
    offerTimeoutMs: 3_600_000,
    log: silentLog,
  });
  const hosts: Partial<Scene['hosts']> = {};
  const close = async () => {
    for (const host of Object.values(hosts)) await host.close();
    await hub.close();
    dir.remove();
  };
  try {
    // Ingested while nobody is connected: every handoff waits in the queues.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < handoffs) {
          next++;
          const answer = await postSigned(hub.url, INGEST_PATHS.handoffs, handoffRequest(), { secret });
          if (answer.status !== 202) throw new Error(`hub answered ${answer.status}: ${answer.text}`);
        }
      }),
    );
    for (const who of ['agent', 'lead'] as const) {
      hosts[who] = await startWebHost({ port: 0, staticDir: DEFAULT_STATIC_DIR, config: { mode: 'hub', hubUrl: hub.url, token: tokens[who], dataDir: dir.file(who) }, plugins: [], log: silentLogger });
      const link = hosts[who].services!.link;
      const deadline = Date.now() + 30_000;
      while (link.state.status !== 'open') {
        if (Date.now() > deadline) throw new Error(`the ${who}'s host did not connect to the hub`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    return { hub, hosts: hosts as Scene['hosts'], dir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function measureRendererPaint(handoffs: number): Promise<{ agent: PaintFigures; lead: PaintFigures }> {
  const s = await scene(handoffs);
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    // A first load warms Chromium's caches for the bundle, as a returning user's would be.
    await measurePage(browser, s.hosts.agent.url, 'Handoff inbox').catch(() => undefined);
    const agent = await measurePage(browser, s.hosts.agent.url, 'Handoff inbox');
    const lead = await measurePage(browser, s.hosts.lead.url, 'Waiting handoffs');
    return { agent, lead };
  } finally {
    await browser?.close();
    await s.close();
  }
}

export const rendererPaintSuite: BenchSuite = {
  name: 'renderer paint',
  async run({ quick }): Promise<BenchEntry[]> {
    const handoffs = quick ? 200 : 5_000;
    // The empty-hub baseline still needs one offer for the inbox to have a row to paint.
    const base = await measureRendererPaint(1);
    const full = await measureRendererPaint(handoffs);
    // The agent's own inbox holding every one of them (queued work listed, the list virtualized).
    // The baseline is the first measurement's 1-handoff page (the same page, the same inbox list).
    const scale = await measureInboxAtScale(handoffs);
    const sameOne = { name: 'same page, hub with 1 handoff', value: 0 };
    return [
      entry(`renderer.inbox.first-paint.${handoffs}`, 'ms', scale.firstPaintMs, { ...sameOne, value: base.agent.firstListPaintMs }),
      entry(`renderer.inbox.first-paint.long-tasks-over-50ms.${handoffs}`, 'count', scale.paintLongTasks, { ...sameOne, value: base.agent.longTasks }),
      entry(`renderer.inbox.first-paint.max-long-task.${handoffs}`, 'ms', scale.paintMaxLongTaskMs, { ...sameOne, value: base.agent.maxLongTaskMs }),
      entry(`renderer.inbox.first-paint.blocking-time.${handoffs}`, 'ms', scale.paintBlockingMs, { ...sameOne, value: base.agent.blockingMs }),
      // After the first paint the later pages load and merge: the list must stay responsive then too.
      entry(`renderer.inbox.all-listed.${handoffs}`, 'ms', scale.allListedMs),
      entry(`renderer.inbox.load-rest.long-tasks-over-50ms.${handoffs}`, 'count', scale.loadLongTasks),
      entry(`renderer.inbox.load-rest.max-long-task.${handoffs}`, 'ms', scale.loadMaxLongTaskMs),
      entry(`renderer.inbox.load-rest.blocking-time.${handoffs}`, 'ms', scale.loadBlockingMs),
      entry(`renderer.inbox.scroll.long-tasks-over-50ms.${handoffs}`, 'count', scale.scrollLongTasks),
      entry(`renderer.inbox.scroll.max-long-task.${handoffs}`, 'ms', scale.scrollMaxLongTaskMs),
      entry(`renderer.inbox.scroll.frames.${handoffs}`, 'frames', scale.scrollFrames),
      entry(`renderer_first_inbox_paint_${handoffs}_handoffs`, 'ms', full.agent.firstListPaintMs, { name: 'same page, hub with 1 handoff', value: base.agent.firstListPaintMs }),
      entry(`renderer_first_contentful_paint_${handoffs}_handoffs`, 'ms', full.agent.firstContentfulPaintMs, { name: 'same page, hub with 1 handoff', value: base.agent.firstContentfulPaintMs }),
      entry(`renderer_long_tasks_until_inbox_paint_${handoffs}_handoffs`, 'ms', full.agent.longTaskMs, { name: 'same page, hub with 1 handoff', value: base.agent.longTaskMs }),
      entry(`renderer_first_supervisor_board_paint_${handoffs}_handoffs`, 'ms', full.lead.firstListPaintMs, { name: 'same page, hub with 1 handoff', value: base.lead.firstListPaintMs }),
      entry(`renderer_long_tasks_until_board_paint_${handoffs}_handoffs`, 'ms', full.lead.longTaskMs, { name: 'same page, hub with 1 handoff', value: base.lead.longTaskMs }),
    ];
  },
};
