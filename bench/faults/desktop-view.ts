// What one agent's desktop would show, rebuilt from the events its connections received: each seq
// once across connections and in order (the hub link drops a seq it already processed), fed to the
// desktop's real Inbox. "Shown twice" is judged here, on the screen, not on the wire: a replayed
// event (same seq) is not a second offer, and a second `offer` for a handoff the inbox already
// holds is folded into an update without a new alert.
import type { HubEvent } from '../../shared/hub-protocol';
import { Inbox } from '../../main/services/inbox/inbox';
import type { TestAgent } from '../../hub/testing/test-agent';

export interface DesktopView {
  /** Handoffs this desktop shows as waiting offers at the end. */
  waiting: Set<string>;
  /** `offer:received` per handoff: each one is an alert (notification, sound, badge). */
  alerts: Map<string, number>;
  /** `offer:revoked` per handoff: the offer was taken off this desktop. */
  revokes: Map<string, number>;
  /** Events received more than once (same seq on two connections), dropped as the hub link does. */
  replayed: number;
}

export function desktopView(agentId: string, connections: readonly TestAgent[]): DesktopView {
  const bySeq = new Map<number, HubEvent>();
  let replayed = 0;
  for (const connection of connections) {
    for (const frame of connection.events) {
      if (bySeq.has(frame.seq)) replayed++;
      else bySeq.set(frame.seq, frame.event);
    }
  }
  const inbox = new Inbox(() => agentId);
  const alerts = new Map<string, number>();
  const revokes = new Map<string, number>();
  const bump = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);
  inbox.onChange((change) => {
    if (change.event === 'offer:received') bump(alerts, change.payload.handoff.id);
    if (change.event === 'offer:revoked') bump(revokes, change.payload.handoffId);
  });
  for (const [, event] of [...bySeq].sort(([a], [b]) => a - b)) {
    if (event.kind === 'offer') inbox.offerReceived(event.handoff, event.offerExpiresAt);
    else if (event.kind === 'offer_revoked') inbox.offerRevoked(event.handoffId, event.reason);
    else if (event.kind === 'handoff_updated') inbox.handoffUpdated(event.handoff);
  }
  const waiting = new Set(inbox.list().filter((item) => item.offerExpiresAt !== null).map((item) => item.handoff.id));
  return { waiting, alerts, revokes, replayed };
}
