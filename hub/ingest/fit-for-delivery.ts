// A handoff travels to desktops inside one WebSocket frame (at most MAX_FRAME_BYTES), but a signed
// POST may be up to MAX_BODY_BYTES. A handoff whose offer frame would be refused by every desktop
// would be resent forever, so before it is stored the oldest transcript messages are dropped (the
// platform still has them) and a system line says so. If even that is not enough, it is refused.
import type { Handoff, Message } from '../../shared/domain';
import { MAX_FRAME_BYTES } from '../../shared/hub-protocol';

/** Room left in a frame for the envelope and the fields the hub adds later (status, agent, flags). */
export const MAX_HANDOFF_BYTES = MAX_FRAME_BYTES - 8 * 1024;

export type Fit = { ok: true; handoff: Handoff; omitted: number } | { ok: false; bytes: number };

function size(handoff: Handoff): number {
  return Buffer.byteLength(JSON.stringify(handoff));
}

export function fitForDelivery(handoff: Handoff, limit = MAX_HANDOFF_BYTES): Fit {
  if (size(handoff) <= limit) return { ok: true, handoff, omitted: 0 };
  const messages = handoff.conversation.messages;
  const notice = (omitted: number): Message => ({
    id: `${handoff.id}-omitted`,
    author: 'system',
    text: `${omitted} earlier message${omitted === 1 ? '' : 's'} omitted: the transcript was too long to deliver in full.`,
    at: messages[0]!.at,
  });
  // Binary search for the fewest dropped messages that fit (sizes are monotonic in the count).
  let low = 1;
  let high = messages.length - 1;
  let best: Handoff | null = null;
  let bestOmitted = 0;
  while (low <= high) {
    const omitted = Math.floor((low + high) / 2);
    const candidate: Handoff = { ...handoff, conversation: { ...handoff.conversation, messages: [notice(omitted), ...messages.slice(omitted)] } };
    if (size(candidate) <= limit) {
      best = candidate;
      bestOmitted = omitted;
      high = omitted - 1;
    } else {
      low = omitted + 1;
    }
  }
  return best ? { ok: true, handoff: best, omitted: bestOmitted } : { ok: false, bytes: size(handoff) };
}
