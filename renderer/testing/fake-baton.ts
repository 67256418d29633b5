// A test double for `window.baton`: the real API client and the real dispatcher over in-memory
// handlers, so every call is validated exactly as the preload and the browser host validate it.
// Tests drive pushed events through emit() and inspect calls through `calls`.
import { createApiClient } from '../../shared/api-client';
import { dispatchApiCall } from '../../shared/api-dispatch';
import { inboxPage } from '../../shared/inbox-paging';
import {
  apiEvents,
  type ApiHandlers,
  type BatonApi,
  type ConnectionState,
  type EventName,
  type EventPayload,
  type InboxItem,
  type LocalNote,
  type NoteSearchHit,
  type SearchIndexing,
  type SyncStatus,
  type MethodName,
  type Session,
} from '../../shared/api';
import type { Message } from '../../shared/domain';
import type { DirectoryEntry } from '../../shared/hub-protocol';
import type { MoodTrend, ReplySuggestion } from '../../shared/intelligence';
import { BatonError, type ErrorCode } from '../../shared/result';
import { FIXTURE_NOW } from './handoff-fixtures';

export interface FakeCall {
  method: MethodName;
  args: unknown;
}

export class FakeBaton {
  readonly api: BatonApi;
  readonly calls: FakeCall[] = [];
  /** The in-memory services, for tests that serve them over a real transport. */
  readonly handlers: ApiHandlers;
  readonly items = new Map<string, InboxItem>();
  session: Session;
  /** Reply suggestions and mood trends per handoff; a handoff without one answers 'unavailable'. */
  readonly suggestions = new Map<string, ReplySuggestion[]>();
  readonly trends = new Map<string, MoodTrend>();
  readonly notes = new Map<string, LocalNote>();
  /** Set while the services' note search index is "being built" ('notes:searchWithIndexing'). */
  noteIndexing: SearchIndexing | null = null;
  readonly drafts = new Map<string, string>();
  sync: SyncStatus = { online: true, offlineSince: null, pending: 0, failed: 0 };
  /** The hub's colleague directory ('agents:list'); null answers 'unavailable' (no directory). */
  directory: DirectoryEntry[] | null = null;
  private nextNote = 1;
  now = FIXTURE_NOW;
  private readonly failures = new Map<MethodName, { code: ErrorCode; message: string }>();
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();
  private nextMessage = 1;

  constructor(items: InboxItem[] = []) {
    for (const item of items) this.items.set(item.handoff.id, item);
    this.session = {
      mode: 'demo',
      hubUrl: null,
      role: 'agent',
      agent: { id: 'agent-1', name: 'Robin Okafor', role: 'agent', skills: ['billing'], capacity: 3, presence: 'available' },
      connection: { status: 'open', since: new Date(FIXTURE_NOW - 60_000).toISOString(), fatal: false },
    };
    const handlers = (this.handlers = this.createHandlers());
    this.api = createApiClient({
      request: async (method, args) => {
        this.calls.push({ method, args });
        const failure = this.failures.get(method);
        if (failure) {
          this.failures.delete(method);
          return { ok: false, error: failure };
        }
        return dispatchApiCall(handlers, method, args, { error: () => undefined });
      },
      subscribe: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
    });
  }

  /** The next call of `method` fails with this error envelope. */
  failNext(method: MethodName, code: ErrorCode, message: string): void {
    this.failures.set(method, { code, message });
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** Pushes an event the way the services do, validated against the contract first. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = apiEvents[event].parse(payload);
    if (event === 'offer:received' || event === 'handoff:updated') {
      const item = parsed as InboxItem;
      this.items.set(item.handoff.id, item);
    }
    for (const listener of [...this.listeners]) listener(event, parsed);
  }

  setConnection(state: Omit<ConnectionState, 'fatal'> & { fatal?: boolean }): void {
    this.session = { ...this.session, connection: { fatal: false, ...state } };
    this.emit('connection:changed', this.session.connection);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  private find(handoffId: string): InboxItem {
    const item = this.items.get(handoffId);
    if (!item) throw new BatonError('not_found', `no handoff ${handoffId}`);
    return item;
  }

  private withStatus(item: InboxItem, status: InboxItem['handoff']['status']): InboxItem {
    const next = { handoff: { ...item.handoff, status, assignedAgentId: 'agent-1' }, offerExpiresAt: null };
    this.items.set(item.handoff.id, next);
    return next;
  }

  /** Methods this double implements; the rest answer 'unavailable' like a service not yet built. */
  private createHandlers(): ApiHandlers {
    const implemented: Partial<ApiHandlers> = {
      'session:get': () => this.session,
      'inbox:list': () => [...this.items.values()],
      'inbox:page': ({ after, limit }) => inboxPage(this.items.values(), after, limit),
      'handoffs:get': ({ handoffId }) => this.find(handoffId),
      'handoffs:accept': ({ handoffId }) => {
        const item = this.find(handoffId);
        if (item.handoff.status !== 'offered' && item.handoff.status !== 'queued') {
          throw new BatonError('conflict', 'this handoff is no longer offered to you');
        }
        return this.withStatus(item, 'accepted');
      },
      'handoffs:decline': ({ handoffId }) => {
        this.find(handoffId);
        this.items.delete(handoffId);
        return null;
      },
      'handoffs:receipt': () => null,
      'handoffs:reply': ({ handoffId, text }): Message => {
        this.find(handoffId);
        return { id: `agent-msg-${this.nextMessage++}`, author: 'agent', text, at: new Date(this.now).toISOString() };
      },
      'handoffs:resolve': ({ handoffId }) => {
        const next = this.withStatus(this.find(handoffId), 'resolved');
        this.items.delete(handoffId);
        return next;
      },
      'handoffs:transfer': ({ handoffId, to }) => {
        const item = this.find(handoffId);
        this.items.delete(handoffId);
        const { assignedAgentId: _previous, ...rest } = item.handoff;
        return { handoff: { ...rest, status: 'transferred', queue: to.kind === 'queue' ? to.queue : item.handoff.queue }, offerExpiresAt: null };
      },
      'suggestions:get': ({ handoffId }) => {
        const list = this.suggestions.get(handoffId);
        if (!list) throw new BatonError('unavailable', 'the reply model is not loaded');
        return list;
      },
      'suggestions:used': () => null,
      'sentiment:trend': ({ handoffId }) => {
        const trend = this.trends.get(handoffId);
        if (!trend) throw new BatonError('unavailable', 'the sentiment model is not loaded');
        return trend;
      },
      'notes:list': ({ subject }) =>
        [...this.notes.values()].filter((n) => JSON.stringify(n.subject) === JSON.stringify(subject)),
      'notes:create': ({ subject, body }) => {
        const at = new Date(this.now).toISOString();
        const note: LocalNote = {
          id: `note-${this.nextNote++}`,
          subject,
          body,
          authorId: 'agent-1',
          createdAt: at,
          updatedAt: at,
          syncStatus: 'pending',
          syncError: null,
          hubVersion: null,
          revisionCount: 0,
        };
        this.notes.set(note.id, note);
        return note;
      },
      'notes:delete': ({ noteId }) => {
        if (!this.notes.delete(noteId)) throw new BatonError('not_found', `no note ${noteId}`);
        return null;
      },
      'notes:search': ({ query }) =>
        [...this.notes.values()]
          .filter((n) => n.body.toLowerCase().includes(query.toLowerCase()))
          .map((note) => {
            const at = note.body.toLowerCase().indexOf(query.toLowerCase());
            return {
              note,
              snippet: [
                { text: note.body.slice(0, at), match: false },
                { text: note.body.slice(at, at + query.length), match: true },
                { text: note.body.slice(at + query.length), match: false },
              ],
            };
          }),
      'notes:searchWithIndexing': ({ query, limit }) => {
        const hits = this.handlers['notes:search']({ query, limit }) as NoteSearchHit[];
        return this.noteIndexing ? { hits, indexing: this.noteIndexing } : { hits };
      },
      'drafts:get': ({ handoffId }) => ({ handoffId, text: this.drafts.get(handoffId) ?? '', updatedAt: null }),
      'drafts:save': ({ handoffId, text }) => {
        if (text) this.drafts.set(handoffId, text);
        else this.drafts.delete(handoffId);
        return { handoffId, text, updatedAt: text ? new Date(this.now).toISOString() : null };
      },
      'agents:list': () => {
        if (!this.directory) throw new BatonError('unavailable', 'no colleague directory');
        return this.directory;
      },
      'outbox:status': () => this.sync,
      'outbox:retry': () => this.sync,
      'presence:set': ({ presence }) => {
        if (this.session.agent) this.session = { ...this.session, agent: { ...this.session.agent, presence } };
        return presence;
      },
    };
    return new Proxy(implemented as ApiHandlers, {
      get: (target, name: string) =>
        (target as Record<string, unknown>)[name] ??
        (() => {
          throw new BatonError('unavailable', `${name} is not implemented by FakeBaton`);
        }),
    });
  }
}
