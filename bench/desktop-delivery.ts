// Desktop delivery: a signed POST to the hub → the `offer:received` event on a browser's API
// socket, through the whole desktop path (hub link → inbox → event fan-out → browser host). The
// baseline is the same offer's arrival at the hub link in the same run, so the ratio shows what
// the desktop services add on top of the hub.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { createHub } from '../hub/index';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { postSigned } from '../hub/testing/signed-post';
import { makeTempDir } from '../hub/testing/temp-dir';
import { API_WS_PATH } from '../shared/api-wire';
import { silentLogger } from '../main/services/logger';
import { startWebHost } from '../main/web/web-host';
import { entry, nowMs, percentile, type BenchSuite } from './bench-entry';

export interface DeliverySample {
  /** POST sent → offer event at the hub link. */
  linkMs: number;
  /** POST sent → offer:received frame at the browser's API socket. */
  browserMs: number;
}

export async function measureDesktopDelivery(samples: number): Promise<DeliverySample[]> {
  const dir = makeTempDir('baton-bench-delivery-');
  const secret = randomBytes(16).toString('hex');
  const token = randomBytes(24).toString('base64url');
  const hub = await createHub({
    port: 0,
    dbPath: dir.file('hub.sqlite'),
    secret,
    // Capacity above the sample count: every handoff is offered at once, none queue.
    agents: [{ id: 'bench-agent', name: 'Bench Agent', role: 'agent', skills: skillsUsedBy(DEFAULT_RULES), capacity: 50, token }],
    httpRateLimit: null,
    frameRateLimit: null,
    offerTimeoutMs: 600_000,
    log: silentLogger,
  });
  const host = await startWebHost({ port: 0, staticDir: dir.path, config: { mode: 'hub', hubUrl: hub.url, token, dataDir: dir.file('desktop') }, plugins: [], log: silentLogger });
  const origin = host.url.replace(/\/$/, '');
  const browser = new WebSocket(`ws://127.0.0.1:${host.port}${API_WS_PATH}`, { origin });
  try {
    await new Promise((resolve, reject) => {
      browser.once('open', resolve);
      browser.once('error', reject);
    });
    const link = host.services!.link;
    while (link.state.status !== 'open') await new Promise((r) => setTimeout(r, 10));
    const results: DeliverySample[] = [];
    for (let i = 0; i < Math.min(samples, 45); i++) {
      const body = handoffRequest();
      const atLink = new Promise<number>((resolve) => {
        const off = link.on('offer', (e) => {
          if (e.handoff.conversation.externalId !== body.conversation.externalId) return;
          off();
          resolve(nowMs());
        });
      });
      const atBrowser = new Promise<number>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const text = data.toString();
          if (!text.includes('"offer:received"') || !text.includes(body.conversation.externalId)) return;
          browser.off('message', onMessage);
          resolve(nowMs());
        };
        browser.on('message', onMessage);
      });
      const started = nowMs();
      const answer = await postSigned(hub.url, '/api/v1/handoffs', body, { secret });
      if (answer.status !== 202) throw new Error(`hub answered ${answer.status}: ${answer.text}`);
      const [linkAt, browserAt] = await Promise.all([atLink, atBrowser]);
      results.push({ linkMs: linkAt - started, browserMs: browserAt - started });
    }
    return results;
  } finally {
    browser.terminate();
    await host.close();
    await hub.close();
    dir.remove();
  }
}

export const desktopDeliverySuite: BenchSuite = {
  name: 'desktop delivery',
  async run({ quick }) {
    const sample = await measureDesktopDelivery(quick ? 10 : 45);
    const link = sample.map((s) => s.linkMs);
    const browser = sample.map((s) => s.browserMs);
    return [
      entry('desktop_offer_delivery_p50', 'ms', percentile(browser, 50), { name: 'offer at hub link p50', value: percentile(link, 50) }),
      entry('desktop_offer_delivery_p99', 'ms', percentile(browser, 99), { name: 'offer at hub link p99', value: percentile(link, 99) }),
    ];
  },
};
