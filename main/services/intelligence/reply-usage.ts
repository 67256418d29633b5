// Which suggested replies the agent took into the composer, so they rank higher next time.
// Kept in memory; pass `initial` (e.g. loaded by the local store) to carry counts across restarts.
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
