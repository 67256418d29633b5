// Which suggested replies the agent took into the composer, so they rank higher next time.
// InMemoryReplyUsage keeps counts for the session; StoredReplyUsage writes each use to the local
// store first (durably), so the boost survives a restart.
import type { ReplyLibraryStore } from './reply-library-store';

export interface ReplyUsage {
  record(replyId: string): void;
  counts(): ReadonlyMap<string, number>;
}

export class InMemoryReplyUsage implements ReplyUsage {
  private readonly byId: Map<string, number>;

  constructor(initial: Iterable<[string, number]> = []) {
    this.byId = new Map(initial);
  }

  record(replyId: string): void {
    this.byId.set(replyId, (this.byId.get(replyId) ?? 0) + 1);
  }

  counts(): ReadonlyMap<string, number> {
    return this.byId;
  }
}

export class StoredReplyUsage implements ReplyUsage {
  private readonly byId: Map<string, number>;

  /** `initial`: the counts the store holds (ReplyLibraryStore.load().usage). */
  constructor(
    private readonly store: Pick<ReplyLibraryStore, 'recordUse'>,
    initial: Iterable<[string, number]> = [],
  ) {
    this.byId = new Map(initial);
  }

  record(replyId: string): void {
    // Committed before it counts: a crash right after never shows a count the file does not hold.
    this.byId.set(replyId, this.store.recordUse(replyId));
  }

  counts(): ReadonlyMap<string, number> {
    return this.byId;
  }
}
