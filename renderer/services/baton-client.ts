// The only module that touches `window.baton`. It subscribes to the pushed events once and turns
// each into the store action named after it, and it carries the UI's commands to the services,
// turning error envelopes into notices a person can read.
import type { BatonApi, EventPayload, InboxItem, MethodArgs, MethodName, MethodResult } from '../../shared/api';
import { TRIGGER_LABELS, type FeedbackGrade, type NoteSubject, type Presence } from '../../shared/domain';
import type { TransferTarget } from '../../shared/hub-protocol';
import { FIRST_INBOX_PAGE, NEXT_INBOX_PAGE } from '../../shared/inbox-paging';
import { toDisposable, type Disposable } from '../../shared/lifecycle';
import type { Result } from '../../shared/result';
import { useConversationStore } from '../stores/conversation-store';
import { useIntelligenceStore } from '../stores/intelligence-store';
import { subjectKey as subjectKeyOf, useNotesStore } from '../stores/notes-store';
import { useInboxStore } from '../stores/inbox-store';
import { useRepliesStore } from '../stores/replies-store';
import { useSessionStore } from '../stores/session-store';
import { useUiStore } from '../stores/ui-store';
import { fieldErrorsOf, useSettingsStore, type SettingsSection } from '../stores/settings-store';
import type { SettingsPatch, ThemeSetting } from '../../shared/settings';
import { pageLeadsAlerts } from './alert-leader';
import { playAlertSound } from './alert-sound';

let api: BatonApi | null = null;

/** True when something (preload or the web bridge) has provided the API. */
export function hasBatonApi(): boolean {
  return typeof window !== 'undefined' && typeof window.baton !== 'undefined';
}

async function call<N extends MethodName>(method: N, args: MethodArgs<N>): Promise<Result<MethodResult<N>>> {
  if (!api) return { ok: false, error: { code: 'unavailable', message: 'Baton is still starting' } };
  return api.invoke(method, args);
}

function showError(action: string, result: { error: { message: string } }): void {
  useUiStore.getState().errorShown(`${action}: ${result.error.message}`);
}

const REVOKE_WORDS: Record<EventPayload<'offer:revoked'>['reason'], string> = {
  timeout: 'timed out',
  declined: 'was declined',
  accepted_elsewhere: 'was taken by another agent',
  reassigned: 'was reassigned',
  abandoned: 'was abandoned by the customer',
};

function customerName(handoffId: string): string {
  return useInboxStore.getState().items[handoffId]?.handoff.customer.name ?? 'a customer';
}

/**
 * Whether an updated handoff still belongs on this agent's screen: accepted by them, or still
 * offered to them. Anything else (resolved, transferred, back in a queue, someone else's) leaves.
 */
function stillMine(item: InboxItem): boolean {
  const { status, assignedAgentId } = item.handoff;
  if (status === 'accepted') {
    const me = useSessionStore.getState().session?.agent?.id;
    return !me || !assignedAgentId || assignedAgentId === me;
  }
  return status === 'offered' && item.offerExpiresAt !== null;
}

const LEAVE_WORDS: Partial<Record<InboxItem['handoff']['status'], string>> = {
  resolved: 'was resolved',
  transferred: 'was transferred',
  abandoned: 'was abandoned by the customer',
};

/** A handoff left this agent: drop it and move the screen to the next conversation. */
function handoffLeft(item: InboxItem): void {
  const id = item.handoff.id;
  const remaining = useInboxStore.getState().acceptedOrder.filter((x) => x !== id);
  useInboxStore.getState().offerDeclined(id);
  useConversationStore.getState().conversationClosed(id, remaining[remaining.length - 1] ?? null);
  useIntelligenceStore.getState().conversationForgotten(id);
}

type HandledEvent =
  | 'connection:changed'
  | 'offer:received'
  | 'offer:revoked'
  | 'handoff:updated'
  | 'message:received'
  | 'intelligence:status'
  | 'notes:changed'
  | 'sync:status'
  | 'link:opened'
  | 'session:changed'
  | 'settings:changed'
  | 'alerts:sound'
  | 'alerts:banner'
  | 'replies:changed';

const eventHandlers: { [E in HandledEvent]: (payload: EventPayload<E>) => void } = {
  'connection:changed': (connection) => {
    const before = useSessionStore.getState().connection?.status;
    useSessionStore.getState().connectionChanged(connection);
    // Events may have been missed while the link was down: reload what is on screen.
    if (connection.status === 'open' && before !== undefined && before !== 'open') void refresh();
  },
  'offer:received': (item) => {
    const known = useInboxStore.getState().items[item.handoff.id];
    useInboxStore.getState().offerReceived(item);
    if (!known) {
      const h = item.handoff;
      useUiStore.getState().announced(`New handoff from ${h.customer.name}, ${h.priority}: ${TRIGGER_LABELS[h.trigger]}`);
    }
  },
  'offer:revoked': (event) => {
    const item = useInboxStore.getState().items[event.handoffId];
    if (!item || item.handoff.status === 'accepted') return;
    useInboxStore.getState().offerRevoked(event);
    useUiStore.getState().announced(`The handoff from ${item.handoff.customer.name} ${REVOKE_WORDS[event.reason]}`);
  },
  'handoff:updated': (item) => {
    const known = useInboxStore.getState().items[item.handoff.id];
    if (stillMine(item)) {
      useInboxStore.getState().handoffUpdated(item);
      return;
    }
    if (!known) return;
    handoffLeft(item);
    const words = LEAVE_WORDS[item.handoff.status] ?? 'is no longer yours';
    useUiStore.getState().announced(`The conversation with ${item.handoff.customer.name} ${words}`);
  },
  'message:received': (event) => {
    useConversationStore.getState().messageReceived(event);
    // A new customer message changes the mood and what a good reply would be.
    const item = useInboxStore.getState().items[event.handoffId];
    if (event.message.author === 'customer' && item?.handoff.status === 'accepted') void loadIntelligence(event.handoffId);
  },
  'intelligence:status': (status) => {
    useIntelligenceStore.getState().intelligenceStatusChanged(status);
  },
  'notes:changed': (event) => {
    useNotesStore.getState().noteChanged(event);
  },
  'sync:status': (status) => {
    useNotesStore.getState().syncStatusChanged(status);
  },
  'session:changed': (session) => {
    useSessionStore.getState().sessionChanged(session);
  },
  'replies:changed': (change) => {
    // The editor, if it was ever opened, shows the library as it is now.
    if (useRepliesStore.getState().entries !== null) void loadReplyLibrary();
    // A new or edited reply may suit the open conversation better than what is on screen.
    const active = useConversationStore.getState().activeHandoffId;
    if (change.reason !== 'used' && active && useInboxStore.getState().items[active]?.handoff.status === 'accepted') void loadIntelligence(active);
  },
  'settings:changed': (view) => {
    useSettingsStore.getState().settingsChanged(view);
    useUiStore.getState().themeChosen(view.theme);
  },
  'alerts:sound': ({ kind, choice, volume }) => {
    // With the browser host open in several tabs, one of them sounds (alert-leader.ts).
    if (pageLeadsAlerts()) void playAlertSound(choice, kind, volume);
  },
  'alerts:banner': ({ handoffId, visible }) => {
    if (visible) useUiStore.getState().offerBannered(handoffId);
    else useUiStore.getState().bannerDismissed(handoffId);
  },
  'link:opened': ({ handoffId }) => showHandoff(handoffId),
};

/** Shows one handoff (a baton:// link, the handoff card's Open): its conversation, or its offer selected. */
export function showHandoff(handoffId: string): void {
  const item = useInboxStore.getState().items[handoffId];
  if (!item) {
    useUiStore.getState().errorShown(`The linked handoff is not in your inbox (it may have been taken or resolved): ${handoffId}`);
    return;
  }
  if (item.handoff.status === 'accepted') useConversationStore.getState().conversationOpened(handoffId);
  else useInboxStore.getState().offerSelected(handoffId);
}

/**
 * Asks the on-device models for reply suggestions and the mood trend of one conversation. When
 * they cannot answer (not loaded, not built yet) nothing is shown: no placeholder guesses.
 */
export async function loadIntelligence(handoffId: string): Promise<void> {
  const [suggestions, trend] = await Promise.all([call('suggestions:get', { handoffId }), call('sentiment:trend', { handoffId })]);
  const store = useIntelligenceStore.getState();
  if (suggestions.ok) store.suggestionsLoaded(handoffId, suggestions.value);
  if (trend.ok) store.trendLoaded(handoffId, trend.value);
}

let refreshGeneration = 0;

/**
 * Loads the inbox a page at a time (accepted work first, then offers in inbox order), merging each
 * page as it arrives: the list paints after the first page, and no single task parses thousands of
 * handoffs. A newer refresh supersedes an older one still paging. Services without 'inbox:page'
 * get the whole list at once.
 */
async function loadInbox(generation: number, onFirstPage: () => void): Promise<void> {
  const first = await call('inbox:page', { after: null, limit: FIRST_INBOX_PAGE });
  if (generation !== refreshGeneration) return;
  if (!first.ok && first.error.code === 'unavailable') {
    const whole = await call('inbox:list', {});
    if (generation !== refreshGeneration) return;
    if (!whole.ok) return showError('Could not load the inbox', whole);
    useInboxStore.getState().inboxLoaded(whole.value);
    return onFirstPage();
  }
  if (!first.ok) return showError('Could not load the inbox', first);
  useInboxStore.getState().inboxPageLoaded(first.value.items, { first: true, last: first.value.next === null });
  onFirstPage();
  let next = first.value.next;
  while (next) {
    const page = await call('inbox:page', { after: next, limit: NEXT_INBOX_PAGE });
    if (generation !== refreshGeneration) return;
    // What is on screen stays; the next refresh (the link coming back) loads the rest.
    if (!page.ok) return showError('Could not load the whole inbox', page);
    next = page.value.next;
    useInboxStore.getState().inboxPageLoaded(page.value.items, { first: false, last: next === null });
  }
}

/** Opens a conversation once the accepted work is known (it comes with the first page). */
function followAcceptedWork(): void {
  const conversations = useConversationStore.getState();
  const order = useInboxStore.getState().acceptedOrder;
  if (conversations.activeHandoffId && !order.includes(conversations.activeHandoffId)) {
    conversations.conversationOpened(order[order.length - 1] ?? null);
  } else if (!conversations.activeHandoffId && order.length > 0) {
    conversations.conversationOpened(order[0]!);
  }
}

/** Loads the session and inbox again (at start, and after the link comes back). */
export async function refresh(): Promise<void> {
  const generation = ++refreshGeneration;
  await Promise.all([
    call('session:get', {}).then((session) => {
      if (session.ok) useSessionStore.getState().sessionLoaded(session.value);
      else {
        useSessionStore.getState().sessionLoadFailed(session.error.message);
        showError('Could not load your session', session);
      }
    }),
    loadInbox(generation, followAcceptedWork),
    Promise.all([call('outbox:status', {}), call('intelligence:status', {})]).then(([outbox, intelligence]) => {
      if (outbox.ok) useNotesStore.getState().syncStatusChanged(outbox.value);
      if (intelligence.ok) useIntelligenceStore.getState().intelligenceStatusChanged(intelligence.value);
    }),
  ]);
}

export async function loadNotes(subject: NoteSubject): Promise<void> {
  const result = await call('notes:list', { subject });
  if (result.ok) useNotesStore.getState().notesLoaded(subject, result.value);
  else if (result.error.code !== 'unavailable') showError('Could not load notes', result);
}

/** Saves a note on this device (synced later); true once the local store committed it. */
export async function createNote(subject: NoteSubject, body: string): Promise<boolean> {
  const result = await call('notes:create', { subject, body });
  if (!result.ok) {
    showError('Note not saved', result);
    return false;
  }
  useNotesStore.getState().noteChanged({ note: result.value, deleted: false });
  return true;
}

export async function deleteNote(noteId: string, subject: NoteSubject): Promise<boolean> {
  const result = await call('notes:delete', { noteId });
  if (!result.ok) {
    showError('Note not deleted', result);
    return false;
  }
  const note = useNotesStore.getState().bySubject[subjectKeyOf(subject)]?.find((n) => n.id === noteId);
  if (note) useNotesStore.getState().noteChanged({ note, deleted: true });
  return true;
}

/** The hits, and while the local search index is still being built after start, how far it got. */
export async function searchNotes(query: string): Promise<Result<MethodResult<'notes:searchWithIndexing'>>> {
  return call('notes:searchWithIndexing', { query, limit: 20 });
}

/** Connects the stores to the API. Call once at startup; dispose to disconnect (tests, reload). */
export function startBatonClient(source: BatonApi = window.baton): Disposable {
  api = source;
  const unsubscribers = (Object.keys(eventHandlers) as HandledEvent[]).map((event) =>
    source.on(event, eventHandlers[event] as (payload: unknown) => void),
  );
  void refresh();
  void loadSettings().then(() => {
    // A settings file that had to be set aside is worth knowing before anyone opens Settings.
    const notice = useSettingsStore.getState().view?.notice;
    if (notice) useUiStore.getState().errorShown(notice);
  });
  return toDisposable(() => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (api === source) api = null;
  });
}

export async function acceptHandoff(handoffId: string): Promise<boolean> {
  const result = await call('handoffs:accept', { handoffId });
  if (!result.ok) {
    showError(`Could not accept the handoff from ${customerName(handoffId)}`, result);
    // The offer is gone (taken, expired): drop it instead of leaving a dead Accept button.
    if (result.error.code === 'not_found' || result.error.code === 'conflict') {
      useInboxStore.getState().offerDeclined(handoffId);
    }
    return false;
  }
  useInboxStore.getState().handoffAccepted(result.value);
  useConversationStore.getState().conversationOpened(handoffId);
  useUiStore.getState().announced(`Conversation with ${result.value.handoff.customer.name} opened`);
  return true;
}

export async function declineHandoff(handoffId: string, reason: string): Promise<boolean> {
  const name = customerName(handoffId);
  const result = await call('handoffs:decline', { handoffId, reason });
  if (!result.ok) {
    showError(`Could not decline the handoff from ${name}`, result);
    return false;
  }
  useInboxStore.getState().offerDeclined(handoffId);
  useUiStore.getState().announced(`Declined the handoff from ${name}`);
  return true;
}

export async function sendReply(handoffId: string, text: string): Promise<boolean> {
  const conversations = useConversationStore.getState();
  conversations.replyStarted(handoffId);
  const result = await call('handoffs:reply', { handoffId, text });
  if (!result.ok) {
    useConversationStore.getState().conversationFailed(handoffId, `Not sent: ${result.error.message}`);
    return false;
  }
  useConversationStore.getState().replySent(handoffId, result.value);
  const replyId = useIntelligenceStore.getState().chosen[handoffId];
  if (replyId) {
    useIntelligenceStore.getState().suggestionChosen(handoffId, null);
    // Tells the ranking which suggestions agents actually send; a failure here costs nothing.
    void call('suggestions:used', { handoffId, replyId });
  }
  return true;
}

export async function resolveHandoff(handoffId: string, grade: FeedbackGrade | undefined, comment: string | undefined): Promise<boolean> {
  const result = await call('handoffs:resolve', { handoffId, ...(grade ? { grade } : {}), ...(comment ? { comment } : {}) });
  if (!result.ok) {
    useConversationStore.getState().conversationFailed(handoffId, `Not resolved: ${result.error.message}`);
    return false;
  }
  handoffLeft(result.value);
  useUiStore.getState().announced(`Conversation with ${result.value.handoff.customer.name} resolved`);
  return true;
}

/** Hands the conversation on (to a queue or a named agent) with a note for whoever takes it next. */
export async function transferHandoff(handoffId: string, to: TransferTarget, note: string | undefined, agentName?: string): Promise<boolean> {
  const result = await call('handoffs:transfer', { handoffId, to, ...(note ? { note } : {}) });
  if (!result.ok) {
    useConversationStore.getState().conversationFailed(handoffId, `Not transferred: ${result.error.message}`);
    return false;
  }
  const name = result.value.handoff.customer.name;
  handoffLeft(result.value);
  const where = to.kind === 'queue' ? `the ${to.queue} queue` : (agentName ?? `agent ${to.agentId}`);
  useUiStore.getState().announced(`Conversation with ${name} transferred to ${where}`);
  return true;
}

/** The colleagues one may transfer to; null when these services or this hub have no directory. */
export async function loadColleagues(): Promise<MethodResult<'agents:list'> | null> {
  const result = await call('agents:list', {});
  if (result.ok) return result.value;
  if (result.error.code !== 'unavailable' && result.error.code !== 'bad_request') showError('Could not load your colleagues', result);
  return null;
}

export async function setPresence(presence: Presence): Promise<boolean> {
  useSessionStore.getState().presenceRequested();
  const result = await call('presence:set', { presence });
  if (!result.ok) {
    useSessionStore.getState().presenceFailed();
    showError('Could not change your status', result);
    return false;
  }
  useSessionStore.getState().presenceChanged(result.value);
  return true;
}

export async function retrySync(): Promise<void> {
  const result = await call('outbox:retry', {});
  if (result.ok) useNotesStore.getState().syncStatusChanged(result.value);
  else showError('Could not retry the sync', result);
}

/** Puts a draft saved in the local store (before a crash or reload) back into the composer. */
export async function loadDraft(handoffId: string): Promise<void> {
  const result = await call('drafts:get', { handoffId });
  if (result.ok && result.value.text) useConversationStore.getState().draftRestored(handoffId, result.value.text);
}

export async function saveDraft(handoffId: string, text: string): Promise<void> {
  const result = await call('drafts:save', { handoffId, text });
  // 'unavailable' means no local store here (it will be back); anything else is worth knowing.
  if (!result.ok && result.error.code !== 'unavailable') showError('Draft not saved', result);
}

// ---- settings (alerts, sound, theme, hub connection)

/** Every field a settings error can name, so the message shows next to its input. */
export const SETTINGS_FIELDS = [
  'alerts.sound',
  'alerts.osNotifications',
  'alerts.reAlertIntervalMs',
  'alerts.doNotDisturb.enabled',
  'alerts.doNotDisturb.from',
  'alerts.doNotDisturb.to',
  'alerts.doNotDisturb.p1BreaksThrough',
  'sound.choice',
  'sound.volume',
  'theme',
  'hub.url',
  'hub.token',
  'hub',
] as const;

export async function loadSettings(): Promise<void> {
  const result = await call('settings:get', {});
  if (!result.ok) {
    useSettingsStore.getState().settingsLoadFailed(result.error.message);
    return;
  }
  useSettingsStore.getState().settingsLoaded(result.value);
  useUiStore.getState().themeChosen(result.value.theme);
}

/** Saves a change to the settings; on refusal the errors go next to the fields they name. */
export async function saveSettings(section: SettingsSection, patch: SettingsPatch): Promise<boolean> {
  const store = useSettingsStore.getState();
  store.saveStarted(section, patch);
  const result = await call('settings:update', patch);
  if (!result.ok) {
    useSettingsStore.getState().saveFailed(section, fieldErrorsOf(result.error.message, SETTINGS_FIELDS));
    // The change was shown at once; show what the services actually hold again.
    await loadSettings();
    return false;
  }
  useSettingsStore.getState().saveSucceeded(section, result.value);
  useUiStore.getState().themeChosen(result.value.theme);
  return true;
}

/** Applies a theme at once and keeps it in the settings (it follows the agent to the next start). */
export async function chooseTheme(theme: ThemeSetting): Promise<boolean> {
  useUiStore.getState().themeChosen(theme);
  // Without a settings service (older services) the theme still lasts on this machine.
  if (useSettingsStore.getState().view === null) return true;
  return saveSettings('appearance', { theme });
}

// ---- the reply library (Settings → Reply library, and "Mark as good reply" in the transcript)

export async function loadReplyLibrary(): Promise<void> {
  const result = await call('replies:list', {});
  if (result.ok) useRepliesStore.getState().libraryLoaded(result.value);
  else useRepliesStore.getState().libraryFailed(result.error.message);
}

/** The editor shows the error next to the form, so it is returned rather than shown as a notice. */
export async function saveReply(input: MethodArgs<'replies:save'>): Promise<Result<MethodResult<'replies:save'>>> {
  const result = await call('replies:save', input);
  if (result.ok) void loadReplyLibrary();
  return result;
}

export async function deleteReply(replyId: string): Promise<boolean> {
  const result = await call('replies:delete', { replyId });
  if (!result.ok) showError('Reply not deleted', result);
  else void loadReplyLibrary();
  return result.ok;
}

export async function setReplyHidden(replyId: string, hidden: boolean): Promise<boolean> {
  const result = await call('replies:setHidden', { replyId, hidden });
  if (!result.ok) showError(hidden ? 'Reply not hidden' : 'Reply not shown again', result);
  else void loadReplyLibrary();
  return result.ok;
}

export async function importReplies(json: string, mode: 'merge' | 'replace'): Promise<Result<MethodResult<'replies:import'>>> {
  const result = await call('replies:import', { json, mode });
  if (result.ok) void loadReplyLibrary();
  return result;
}

export async function exportReplies(): Promise<Result<MethodResult<'replies:export'>>> {
  return call('replies:export', {});
}

/** Keeps a reply this agent sent as an agent macro; true once the library saved it. */
export async function markReplyGood(handoffId: string, messageId: string): Promise<boolean> {
  const result = await call('replies:markGood', { handoffId, messageId });
  if (!result.ok) {
    showError('Reply not saved to your library', result);
    return false;
  }
  useRepliesStore.getState().replyMarkedGood(messageId, result.value.id);
  useUiStore.getState().announced(`Saved to your reply library as “${result.value.title}”`);
  return true;
}
