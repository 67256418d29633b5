// Slow consumer: a desktop link that stops reading while a lead broadcasts to it. The hub (a
// separate process, so its memory is its own) must not buffer without bound: it drops the link
// (its heartbeat goes unanswered), and the link, resumed later from its last sequence, gets every
// message from the hub's event log.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { HUB_PROTOCOL } from '../../shared/hub-protocol';
import { INGEST_PATHS } from '../../shared/ingest';
import { sendRequest } from '../../hub/testing/signed-post';
import { connectTestAgent } from '../../hub/testing/test-agent';
import { makeTempDir } from '../../hub/testing/temp-dir';
import { report, waitUntil, type FaultScenario } from './fault-report';
import { seedAgents, startHubChild } from './hub-process';

function open(wsUrl: string, token: string): Promise<{ socket: WebSocket; frames: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, HUB_PROTOCOL);
    const frames: string[] = [];
    socket.on('message', (data: Buffer) => {
      frames.push(data.toString());
      if (frames.length === 1) resolve({ socket, frames });
    });
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', token, lastSeq: 0, client: { name: 'fault', version: '1' } })));
  });
}

export const slowConsumerScenario: FaultScenario = {
  name: 'slow consumer: a link that stops reading',
  async run({ quick, log }) {
    // Each broadcast is a durable commit at the hub: tens per second on a busy disk.
    const broadcasts = quick ? 300 : 5_000;
    const pingMs = quick ? 1_000 : 15_000;
    const dir = makeTempDir('baton-fault-slow-');
    const dbPath = dir.file('hub.sqlite');
    const secret = randomBytes(16).toString('hex');
    const slowToken = `slow-${secret}`;
    const leadToken = `lead-${secret}`;
    seedAgents(dbPath, [
      { id: 'slow', role: 'agent', token: slowToken },
      { id: 'lead', role: 'supervisor', token: leadToken },
    ]);
    const hub = await startHubChild({ dbPath, secret, pingMs });
    const sockets: WebSocket[] = [];
    try {
      const connected = async () => ((await sendRequest(hub.url, INGEST_PATHS.health, { method: 'GET' })).json as { connectedAgents: number }).connectedAgents;
      const slow = await open(hub.wsUrl, slowToken);
      const lead = await open(hub.wsUrl, leadToken);
      sockets.push(slow.socket, lead.socket);
      // Stop reading: the kernel buffers fill, then whatever the hub queues stays in the hub.
      slow.socket.pause();
      const before = hub.rssBytes();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, hub.rssBytes())), 50);
      const text = 'Please re-read the refund policy before answering. '.repeat(40).slice(0, 1_900);
      let results = 0;
      lead.socket.on('message', (data: Buffer) => {
        const frame = data.toString();
        if (frame.includes('"result"') && frame.includes('"ok":true')) results++;
        else if (frame.includes('"error"')) throw new Error(`the hub refused a broadcast: ${frame.slice(0, 300)}`);
      });
      for (let i = 0; i < broadcasts; i += 100) {
        for (let j = i; j < Math.min(broadcasts, i + 100); j++) lead.socket.send(JSON.stringify({ type: 'broadcast', requestId: `b${j}`, text: `${j} ${text}` }));
        await waitUntil(() => results >= Math.min(broadcasts, i + 100), 300_000, 'broadcast results');
      }
      const sentBytes = broadcasts * (text.length + 200);
      let dropped = true;
      const droppedStarted = performance.now();
      try {
        for (;;) {
          if ((await connected()) <= 1) break;
          if (performance.now() - droppedStarted > 3 * pingMs + 5_000) throw new Error('not dropped');
          await new Promise((r) => setTimeout(r, 100));
        }
      } catch {
        dropped = false;
      }
      clearInterval(sampler);
      const dropMs = performance.now() - droppedStarted;
      const growth = peak - before;
      log?.(`  ${broadcasts} broadcasts (${Math.round(sentBytes / 2 ** 20)} MiB) to a paused link; hub RSS +${Math.round(growth / 2 ** 20)} MiB at peak; dropped: ${dropped} after ${Math.round(dropMs)} ms`);

      // Resume: the desktop reconnects with the last sequence it processed (none) and catches up.
      slow.socket.terminate();
      const resumedAt = performance.now();
      const again = await connectTestAgent(hub.wsUrl, slowToken, { lastSeq: 0, timeoutMs: 60_000 });
      await again.waitFor(() => again.eventsOf('whisper').length >= broadcasts, quick ? 120_000 : 900_000, 'every broadcast after resuming').catch(() => undefined);
      const recoverMs = performance.now() - resumedAt;
      const whispers = again.eventsOf('whisper').map((e) => e.whisper.text.split(' ')[0]);
      const distinct = new Set(whispers).size;
      await again.close();
      return report({
        name: this.name,
        sent: broadcasts,
        kept: distinct,
        lost: broadcasts - distinct,
        duplicated: whispers.length - distinct,
        recoverMs,
        passed: dropped,
        detail: `${broadcasts} broadcasts (~${Math.round(sentBytes / 2 ** 20)} MiB of frames) to a link that stopped reading; hub RSS grew ${Math.round(growth / 2 ** 20)} MiB at peak (from ${Math.round(before / 2 ** 20)} MiB); the hub ${dropped ? `dropped the link ${Math.round(dropMs)} ms after the last broadcast (heartbeat every ${pingMs} ms)` : 'did NOT drop the link'}; recoverMs = reconnect → all ${broadcasts} messages received from the event log`,
      });
    } finally {
      for (const socket of sockets) socket.terminate();
      await hub.stop();
      dir.remove();
    }
  },
};
