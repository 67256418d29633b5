// inbox:list and handoffs:*: the agent's answers to offers and their work on accepted handoffs.
// The hub is the authority; the inbox is updated from its answer so the screen follows at once
// instead of waiting for the matching event (which the inbox then recognises and drops).
import type { InboxItem } from '../../../shared/api';
import { Handoff, Message, type Feedback } from '../../../shared/domain';
import { BatonError } from '../../../shared/result';
import type { ApiContext, ApiHandlerGroup } from './api-context';
import { valueOrThrow } from './hub-result';

/** The hub may answer with the handoff itself or wrap it ({ handoff }); accept both. */
function handoffIn(value: unknown): Handoff | null {
  const direct = Handoff.safeParse(value);
  if (direct.success) return direct.data;
  const wrapped = Handoff.safeParse((value as { handoff?: unknown } | null)?.handoff);
  return wrapped.success ? wrapped.data : null;
}

function messageIn(value: unknown): Message | null {
  const direct = Message.safeParse(value);
  if (direct.success) return direct.data;
  const wrapped = Message.safeParse((value as { message?: unknown } | null)?.message);
  return wrapped.success ? wrapped.data : null;
}

function requireItem(ctx: ApiContext, handoffId: string): InboxItem {
  const item = ctx.inbox.get(handoffId);
  if (!item) throw new BatonError('not_found', `handoff ${handoffId} is not in this inbox (it may have been taken or withdrawn)`);
  return item;
}

export function handoffHandlers(ctx: ApiContext): ApiHandlerGroup {
  return {
    'inbox:list': () => ctx.inbox.list(),

    'inbox:page': ({ after, limit }) => ctx.inbox.page(after, limit),

    'handoffs:get': ({ handoffId }) => requireItem(ctx, handoffId),

    'handoffs:accept': async ({ handoffId }) => {
      const value = valueOrThrow(await ctx.link.accept(handoffId));
      const fromHub = handoffIn(value);
      const known = ctx.inbox.get(handoffId);
      const base = fromHub ?? known?.handoff;
      if (!base) throw new BatonError('not_found', `the hub accepted ${handoffId} but did not send it; reload the inbox`);
      const agentId = ctx.link.agent?.id ?? base.assignedAgentId;
      return ctx.inbox.handoffUpdated({ ...base, status: 'accepted', ...(agentId ? { assignedAgentId: agentId } : {}) });
    },

    'handoffs:decline': async ({ handoffId, reason }) => {
      valueOrThrow(await ctx.link.decline(handoffId, reason));
      ctx.inbox.offerRevoked(handoffId, 'declined');
      return null;
    },

    'handoffs:receipt': ({ handoffId, stage, detail }) => {
      ctx.link.receipt(handoffId, stage, detail);
      return null;
    },

    'handoffs:reply': async ({ handoffId, text }) => {
      const messageId = ctx.newId();
      const queue = () => {
        const queued = ctx.replyOutbox!.queueReply(handoffId, messageId, text);
        const message: Message = { id: messageId, author: 'agent', text, at: queued.queuedAt, pending: true };
        ctx.inbox.messageReceived(handoffId, message);
        return message;
      };
      // Offline, the reply waits in the outbox instead of failing; the drain sends it with the same id.
      if (ctx.replyOutbox && ctx.link.state.status !== 'open') return queue();
      const result = await ctx.link.reply(handoffId, messageId, text);
      // The link dropped while the reply was on its way: the hub may or may not have it, and a resend
      // with the same message id is answered with the stored message, so queueing it is harmless.
      if (!result.ok && result.error.code === 'unavailable' && ctx.replyOutbox) return queue();
      const value = valueOrThrow(result);
      const message: Message = messageIn(value) ?? { id: messageId, author: 'agent', text, at: new Date(ctx.clock.now()).toISOString() };
      ctx.inbox.messageReceived(handoffId, message);
      return message;
    },

    'handoffs:transfer': async ({ handoffId, to, note }) => {
      const value = valueOrThrow(await ctx.link.transfer(handoffId, to, note || undefined));
      const base = handoffIn(value) ?? requireItem(ctx, handoffId).handoff;
      // Whatever the hub did next (offered it to someone, queued it), it is no longer this agent's.
      const { assignedAgentId: _previous, ...rest } = base;
      const moved: Handoff = base.assignedAgentId === ctx.link.agent?.id ? { ...rest, status: 'transferred' } : base;
      return ctx.inbox.handoffUpdated(moved);
    },

    'handoffs:resolve': async ({ handoffId, grade, comment }) => {
      const feedback: Feedback | undefined = grade ? { handoffId, grade, ...(comment ? { comment } : {}) } : undefined;
      const value = valueOrThrow(await ctx.link.resolve(handoffId, feedback));
      const base = handoffIn(value) ?? requireItem(ctx, handoffId).handoff;
      return ctx.inbox.handoffUpdated({ ...base, status: 'resolved' });
    },
  };
}
