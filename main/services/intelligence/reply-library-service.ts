// The reply library as the agent and the team edit it: the shipped defaults (which can be hidden or
// replaced, never deleted), the team's macros (saved, imported, exported as one JSON file) and the
// replies this agent sent and marked as good. Every change is written to the store first, then the
// suggester gets the new library (re-embedding only what changed) and `replies:changed` is pushed.
import { createHash } from 'node:crypto';
import type { Handoff } from '../../../shared/domain';
import type { ReplyLibraryChange, ReplyLibraryEntry, ReplyMacroInput } from '../../../shared/intelligence';
import { BatonError } from '../../../shared/result';
import { defaultReplyLibrary, parseReplyLibrary, ReplyMacro } from './reply-library';
import type { ReplyLibraryStore, StoredReplyMacro } from './reply-library-store';
import { templateFromReply } from './reply-placeholders';
import { ReplySuggester, type EmbedFn } from './reply-suggester';
import { StoredReplyUsage } from './reply-usage';

export interface ReplyLibraryServiceOptions {
  store: ReplyLibraryStore;
  embed: EmbedFn;
  /** Identifies the embedding model in use: when it changes, every macro is embedded again. */
  embeddingModel?: () => string;
  defaults?: readonly ReplyMacro[];
  onChanged?(change: ReplyLibraryChange): void;
}

/** How many of the customer's messages before a good reply become its examples. */
const EXAMPLES_PER_GOOD_REPLY = 3;
const TITLE_MAX = 48;
/** Team and agent macros together; the defaults come on top. */
export const MAX_CUSTOM_REPLIES = 20_000;

function sameContent(a: ReplyMacro, b: ReplyMacro): boolean {
  return a.title === b.title && a.intent === b.intent && a.text === b.text && JSON.stringify(a.examples) === JSON.stringify(b.examples);
}

function slug(title: string): string {
  const s = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'reply';
}

/** "Refund request" / "refund-request" / "RefundRequest" → "refund_request". */
export function normalizeIntentName(intent: string | undefined): string {
  const s = (intent ?? '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100);
  return s || 'general';
}

/** A short label for a good reply: its first words without greeting or placeholders. */
function titleFor(template: string): string {
  const plain = template
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^\s*(hi|hello|hey|dear|good (morning|afternoon|evening))\b[\s,!.:-]*/i, '')
    .replace(/^[\s,!.:;-]+/, '')
    .trim();
  const first = (plain.split(/(?<=[.!?])\s/)[0] ?? plain).trim();
  if (first.length <= TITLE_MAX) return first.replace(/[.!?]+$/, '') || 'Good reply';
  const cut = first.slice(0, TITLE_MAX);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 20 ? cut.lastIndexOf(' ') : TITLE_MAX).trim()}…`;
}

export class ReplyLibraryService {
  readonly suggester: ReplySuggester;
  private readonly defaults: Map<string, ReplyMacro>;
  private readonly custom = new Map<string, StoredReplyMacro>();
  private readonly hidden = new Set<string>();
  private readonly usage: StoredReplyUsage;

  constructor(private readonly options: ReplyLibraryServiceOptions) {
    this.defaults = new Map((options.defaults ?? defaultReplyLibrary()).map((m) => [m.id, { ...m, origin: 'default' as const }]));
    const snapshot = options.store.load();
    this.reloadFrom(snapshot);
    this.usage = new StoredReplyUsage(options.store, snapshot.usage);
    this.suggester = new ReplySuggester(options.embed, this.active(), this.usage, options.embeddingModel ? { embeddingModel: options.embeddingModel } : {});
  }

  /** What suggestions are drawn from: every macro that is not hidden (team replacements win over defaults). */
  active(): ReplyMacro[] {
    const out: ReplyMacro[] = [];
    for (const macro of this.defaults.values()) if (!this.custom.has(macro.id) && !this.hidden.has(macro.id)) out.push(macro);
    for (const { macro } of this.sortedCustom()) if (!this.hidden.has(macro.id)) out.push(macro);
    return out;
  }

  list(): ReplyLibraryEntry[] {
    const out: ReplyLibraryEntry[] = [];
    for (const macro of this.defaults.values()) if (!this.custom.has(macro.id)) out.push(this.toEntry(macro, null));
    for (const stored of this.sortedCustom()) out.push(this.toEntry(stored.macro, stored.updatedAt));
    return out;
  }

  get(replyId: string): ReplyLibraryEntry | undefined {
    const stored = this.custom.get(replyId);
    if (stored) return this.toEntry(stored.macro, stored.updatedAt);
    const macro = this.defaults.get(replyId);
    return macro ? this.toEntry(macro, null) : undefined;
  }

  /** Creates a team macro (no id) or updates one; saving under a default's id replaces that default. */
  save(input: ReplyMacroInput): ReplyLibraryEntry {
    const existing = input.id ? this.custom.get(input.id) : undefined;
    const id = input.id ?? this.freeId(slug(input.title));
    const parsed = ReplyMacro.safeParse({
      id,
      title: input.title,
      intent: input.intent,
      text: input.text,
      examples: input.examples,
      // An agent's own good reply stays theirs when they polish it.
      origin: existing?.macro.origin ?? 'team',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BatonError('bad_request', `${issue.path.join('.') || 'reply'}: ${issue.message}`);
    }
    this.write([parsed.data]);
    this.changed('saved', [id]);
    return this.get(id)!;
  }

  delete(replyId: string): void {
    if (this.custom.has(replyId)) {
      this.options.store.deleteMacro(replyId);
      this.custom.delete(replyId);
      // A reply made again under this id later should not start out hidden (a default's stays).
      if (this.hidden.has(replyId) && !this.defaults.has(replyId)) {
        this.options.store.setHidden(replyId, false);
        this.hidden.delete(replyId);
      }
      this.refreshSuggester();
      this.changed('deleted', [replyId]);
      return;
    }
    if (this.defaults.has(replyId)) throw new BatonError('bad_request', `${replyId} is a default reply: it cannot be deleted, hide it instead`);
    throw new BatonError('not_found', `no reply ${replyId} in the library`);
  }

  setHidden(replyId: string, hidden: boolean): ReplyLibraryEntry {
    if (!this.custom.has(replyId) && !this.defaults.has(replyId)) throw new BatonError('not_found', `no reply ${replyId} in the library`);
    this.options.store.setHidden(replyId, hidden);
    if (hidden) this.hidden.add(replyId);
    else this.hidden.delete(replyId);
    this.refreshSuggester();
    this.changed('hidden', [replyId]);
    return this.get(replyId)!;
  }

  /**
   * Keeps a reply this agent sent as an agent macro: the customer's and agent's details turned back
   * into placeholders, the conversation's intent, and the customer's messages it answered as
   * examples. Marking the same message again returns the macro already kept.
   */
  markGood(handoff: Handoff, messageId: string, agentName?: string): ReplyLibraryEntry {
    const messages = handoff.conversation.messages;
    const index = messages.findIndex((m) => m.id === messageId);
    const message = messages[index];
    if (!message) throw new BatonError('not_found', `no message ${messageId} in handoff ${handoff.id}`);
    if (message.author !== 'agent') throw new BatonError('bad_request', 'only replies an agent sent can be marked as good');
    if (message.pending) throw new BatonError('conflict', 'this reply has not been sent yet; mark it once it is sent');
    const id = `agent-${createHash('sha256').update(`${handoff.id}\n${messageId}`).digest('hex').slice(0, 16)}`;
    const kept = this.get(id);
    if (kept) return kept;

    const template = templateFromReply(message.text.trim(), { handoff, agentName });
    const before = messages.slice(0, index);
    const lastAgent = before.map((m) => m.author).lastIndexOf('agent');
    const customer = (list: typeof messages) => list.filter((m) => m.author === 'customer' && m.text.trim() !== '').map((m) => m.text.trim().slice(0, 500));
    let examples = customer(before.slice(lastAgent + 1)).slice(-EXAMPLES_PER_GOOD_REPLY);
    if (examples.length === 0) examples = customer(before).slice(-EXAMPLES_PER_GOOD_REPLY);
    if (examples.length === 0) examples = [handoff.conversation.summary.trim().slice(0, 500) || template.text.slice(0, 500)];
    const parsed = ReplyMacro.safeParse({
      id,
      title: titleFor(template.text),
      intent: normalizeIntentName(handoff.conversation.intent ?? handoff.conversation.recentIntents.at(-1)),
      text: template.text,
      examples,
      origin: 'agent',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BatonError('bad_request', `this reply cannot be kept as a macro: ${issue.path.join('.')}: ${issue.message}`);
    }
    this.write([parsed.data]);
    this.changed('marked_good', [id]);
    return this.get(id)!;
  }

  /**
   * Imports a library file (a JSON array of macros) as team macros: all of it or nothing. `replace`
   * also removes team macros the file does not hold (agent macros are kept either way).
   */
  import(json: string, mode: 'merge' | 'replace' = 'merge'): { imported: number; removed: number } {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (error) {
      throw new BatonError('bad_request', `the file is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = parseReplyLibrary(raw);
    if (!parsed.ok) throw new BatonError('bad_request', parsed.error);
    const macros = parsed.library
      // An unchanged copy of a default is not a replacement of it.
      .filter((m) => {
        const builtIn = this.defaults.get(m.id);
        return !builtIn || !sameContent(builtIn, m);
      })
      .map((m) => ({ ...m, origin: 'team' as const }));
    const ids = new Set(macros.map((m) => m.id));
    const kept = [...this.custom.values()].filter((c) => !ids.has(c.macro.id) && (mode === 'merge' || c.macro.origin === 'agent')).length;
    this.checkRoom(kept + macros.length - this.custom.size);
    const { removed } = this.options.store.saveMacros(macros, { replaceTeam: mode === 'replace' });
    this.reloadFrom(this.options.store.load());
    this.refreshSuggester();
    this.changed('imported', macros.map((m) => m.id));
    return { imported: macros.length, removed };
  }

  /** The team's and this agent's macros as a library file any Baton can import. */
  export(): { json: string; count: number } {
    const macros = this.sortedCustom().map(({ macro }) => macro);
    return { json: `${JSON.stringify(macros, null, 2)}\n`, count: macros.length };
  }

  /** The agent took this reply into the composer; false when it is not in the library. */
  recordUse(replyId: string): boolean {
    if (!this.suggester.recordUse(replyId)) return false;
    this.changed('used', [replyId]);
    return true;
  }

  private write(macros: ReplyMacro[]): void {
    this.checkRoom(macros.filter((m) => !this.custom.has(m.id)).length);
    const { updatedAt } = this.options.store.saveMacros(macros);
    for (const macro of macros) this.custom.set(macro.id, { macro, updatedAt });
    this.refreshSuggester();
  }

  private checkRoom(added: number): void {
    if (this.custom.size + added > MAX_CUSTOM_REPLIES) {
      throw new BatonError('bad_request', `the library holds at most ${MAX_CUSTOM_REPLIES.toLocaleString('en')} team and agent replies; delete some first`);
    }
  }

  private reloadFrom(snapshot: ReturnType<ReplyLibraryStore['load']>): void {
    this.custom.clear();
    for (const stored of snapshot.macros) this.custom.set(stored.macro.id, stored);
    this.hidden.clear();
    for (const id of snapshot.hidden) this.hidden.add(id);
  }

  private refreshSuggester(): void {
    this.suggester.setLibrary(this.active());
  }

  private sortedCustom(): StoredReplyMacro[] {
    return [...this.custom.values()].sort((a, b) => a.macro.title.localeCompare(b.macro.title) || a.macro.id.localeCompare(b.macro.id));
  }

  private freeId(base: string): string {
    const taken = (id: string) => this.custom.has(id) || this.defaults.has(id);
    if (!taken(base)) return base;
    for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
  }

  private toEntry(macro: ReplyMacro, updatedAt: number | null): ReplyLibraryEntry {
    return {
      ...macro,
      uses: this.usage.counts().get(macro.id) ?? 0,
      hidden: this.hidden.has(macro.id),
      replacesDefault: macro.origin !== 'default' && this.defaults.has(macro.id),
      updatedAt: updatedAt === null ? null : new Date(updatedAt).toISOString(),
    };
  }

  private changed(reason: ReplyLibraryChange['reason'], replyIds: string[]): void {
    this.options.onChanged?.({ reason, replyIds });
  }
}
