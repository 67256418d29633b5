// Scores every customer message on this desktop as it arrives: a new message, or an offered /
// accepted handoff that still holds unscored customer messages, is queued; queued messages go to
// the model in one batch per turn, and the scores land in the inbox, which pushes the updated item
// to the renderers and tells the local cache (Inbox.onMessagesScored). The hub never sees them.
// When the model cannot answer, the messages stay unscored: a made-up mood is worse than none.
import type { InboxItem } from '../../../shared/api';
import type { Message, Sentiment } from '../../../shared/domain';
import type { Disposable } from '../../../shared/lifecycle';
import type { Inbox } from '../inbox/inbox';
import type { Logger } from '../logger';
import type { IntelligenceService } from './intelligence-service';

export interface MessageScorerOptions {
  service: Pick<IntelligenceService, 'scoreSentiment'>;
  inbox: Inbox;
  log: Logger;
  /** Most messages sent to the model in one call; the rest wait for the next turn. */
  batchSize?: number;
}

function needsScore(message: Message): boolean {
  return message.author === 'customer' && !message.sentiment && message.text.trim() !== '';
}

export class MessageScorer implements Disposable {
  /** handoffId → ids of messages waiting for a score. */
  private readonly queued = new Map<string, Set<string>>();
  private readonly inFlight = new Set<string>();
  private running: Promise<void> | null = null;
  private disposed = false;
  private unavailableLogged = false;
  private readonly unsubscribe: () => void;
  private readonly batchSize: number;

  constructor(private readonly options: MessageScorerOptions) {
    this.batchSize = options.batchSize ?? 32;
    this.unsubscribe = options.inbox.onChange((change) => {
      if (change.event === 'message:received') this.queue(change.payload.handoffId, [change.payload.message]);
      else if (change.event === 'offer:received' || change.event === 'handoff:updated') this.queueItem(change.payload);
    });
    for (const item of options.inbox.list()) this.queueItem(item);
  }

  /** Resolves when nothing is queued or being scored (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribe();
    this.queued.clear();
    await this.whenIdle();
  }

  private queueItem(item: InboxItem): void {
    const { status } = item.handoff;
    if (status !== 'offered' && status !== 'accepted') return;
    this.queue(item.handoff.id, item.handoff.conversation.messages);
  }

  private queue(handoffId: string, messages: readonly Message[]): void {
    if (this.disposed) return;
    const wanted = messages.filter((m) => needsScore(m) && !this.inFlight.has(key(handoffId, m.id)));
    if (wanted.length === 0) return;
    const ids = this.queued.get(handoffId) ?? new Set<string>();
    for (const m of wanted) ids.add(m.id);
    this.queued.set(handoffId, ids);
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
  }

  private async drain(): Promise<void> {
    // Let the event that queued this finish first, so messages arriving together share a batch.
    await Promise.resolve();
    while (!this.disposed && this.queued.size > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) continue;
      let scores: Sentiment[];
      try {
        scores = await this.options.service.scoreSentiment(batch.map((b) => b.text));
      } catch (error) {
        if (!this.unavailableLogged) {
          this.options.log.warn('intelligence: customer messages left unscored (the sentiment model did not answer)', error);
          this.unavailableLogged = true;
        }
        for (const b of batch) this.inFlight.delete(key(b.handoffId, b.messageId));
        continue;
      }
      this.unavailableLogged = false;
      const byHandoff = new Map<string, Map<string, Sentiment>>();
      batch.forEach((b, i) => {
        this.inFlight.delete(key(b.handoffId, b.messageId));
        const map = byHandoff.get(b.handoffId) ?? new Map<string, Sentiment>();
        map.set(b.messageId, scores[i]!);
        byHandoff.set(b.handoffId, map);
      });
      if (this.disposed) return;
      for (const [handoffId, map] of byHandoff) this.apply(handoffId, map);
    }
  }

  private takeBatch(): { handoffId: string; messageId: string; text: string }[] {
    const batch: { handoffId: string; messageId: string; text: string }[] = [];
    for (const [handoffId, ids] of this.queued) {
      const messages = this.options.inbox.get(handoffId)?.handoff.conversation.messages ?? [];
      const byId = new Map(messages.map((m) => [m.id, m]));
      for (const id of [...ids]) {
        if (batch.length >= this.batchSize) return batch;
        ids.delete(id);
        const message = byId.get(id);
        // Gone from the inbox (resolved, revoked) or scored meanwhile: nothing to do.
        if (!message || !needsScore(message)) continue;
        this.inFlight.add(key(handoffId, id));
        batch.push({ handoffId, messageId: id, text: message.text });
      }
      this.queued.delete(handoffId);
    }
    return batch;
  }

  private apply(handoffId: string, scores: Map<string, Sentiment>): void {
    try {
      this.options.inbox.messagesScored(handoffId, scores);
    } catch (error) {
      this.options.log.error(`intelligence: storing the scores of handoff ${handoffId} failed`, error);
    }
  }
}

function key(handoffId: string, messageId: string): string {
  return `${handoffId}\u0000${messageId}`;
}
