// Settings → Reply library (issue 5): every reply suggestions are drawn from — Baton's defaults, the
// team's replies and the ones this agent marked as good — with how often each was used. Search and
// filter by origin and intent; add or edit a reply (checked with the same schema the desktop uses,
// errors next to their field); delete team and agent replies, hide defaults; import a team's JSON
// file (all of it or nothing) and export this library to share it.
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { REPLY_LIBRARY_FILE_MAX_CHARS, REPLY_PLACEHOLDERS, ReplyMacroInput, type ReplyLibraryEntry, type ReplyOrigin } from '../../../shared/intelligence';
import { deleteReply, exportReplies, importReplies, loadReplyLibrary, saveReply, setReplyHidden } from '../../services/baton-client';
import { selectRepliesError, selectReplyEntries, useRepliesStore } from '../../stores/replies-store';
import { useUiStore } from '../../stores/ui-store';
import './replies-section.css';

const ORIGIN_NAMES: Record<ReplyOrigin, string> = { default: 'Default', team: 'Team', agent: 'Mine' };
type OriginFilter = ReplyOrigin | 'all';

/** A reply being written: a new one (no id) or a copy of an existing one. */
interface Editing {
  entry: ReplyLibraryEntry | null;
}

export function RepliesSection() {
  const entries = useRepliesStore(selectReplyEntries);
  const error = useRepliesStore(selectRepliesError);
  const [editing, setEditing] = useState<Editing | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();

  useEffect(() => {
    void loadReplyLibrary();
  }, []);

  const closeForm = () => {
    setEditing(null);
    // Back to where the agent was; the list re-renders, so "New reply" is the stable place.
    requestAnimationFrame(() => newButton.current?.focus());
  };

  return (
    <section className="settings-section replies-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Reply library</h3>
      <p className="settings-hint">
        Suggestions come from these replies: Baton&apos;s defaults, your team&apos;s, and replies you marked as good in a conversation. Replies used
        more often rank higher.
      </p>
      {error && entries === null ? (
        <p className="field-error" role="alert">
          The reply library is not available: {error}
        </p>
      ) : null}
      {entries === null && !error ? <p>Loading replies…</p> : null}
      {entries ? <ReplyList entries={entries} onEdit={(entry) => setEditing({ entry })} /> : null}
      {editing ? (
        <ReplyForm key={editing.entry?.id ?? 'new'} entry={editing.entry} onDone={closeForm} />
      ) : (
        <div>
          <button ref={newButton} type="button" className="button" onClick={() => setEditing({ entry: null })} disabled={entries === null}>
            New reply
          </button>
        </div>
      )}
      <ShareLibrary />
    </section>
  );
}

function matches(entry: ReplyLibraryEntry, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return [entry.title, entry.text, entry.intent, ...entry.examples].some((s) => s.toLowerCase().includes(q));
}

function ReplyList({ entries, onEdit }: { entries: ReplyLibraryEntry[]; onEdit(entry: ReplyLibraryEntry): void }) {
  const [query, setQuery] = useState('');
  const [origin, setOrigin] = useState<OriginFilter>('all');
  const [intent, setIntent] = useState('all');
  const searchId = useId();
  const originId = useId();
  const intentId = useId();
  const intents = useMemo(() => [...new Set(entries.map((e) => e.intent))].sort(), [entries]);
  const shown = entries.filter((e) => (origin === 'all' || e.origin === origin) && (intent === 'all' || e.intent === intent) && matches(e, query.trim()));

  return (
    <>
      <div className="replies-filters">
        <div className="settings-field">
          <label htmlFor={searchId}>Search replies</label>
          <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="settings-field">
          <label htmlFor={originId}>Origin</label>
          <select id={originId} value={origin} onChange={(e) => setOrigin(e.target.value as OriginFilter)}>
            <option value="all">All</option>
            <option value="default">Default</option>
            <option value="team">Team</option>
            <option value="agent">Mine (marked as good)</option>
          </select>
        </div>
        <div className="settings-field">
          <label htmlFor={intentId}>Intent</label>
          <select id={intentId} value={intent} onChange={(e) => setIntent(e.target.value)}>
            <option value="all">All</option>
            {intents.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="settings-hint" role="status">
        {shown.length === entries.length ? `${entries.length} replies` : `${shown.length} of ${entries.length} replies`}
      </p>
      {shown.length > 0 ? (
        <ul className="replies-list" aria-label="Replies">
          {shown.map((entry) => (
            <ReplyRow key={entry.id} entry={entry} onEdit={() => onEdit(entry)} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

function ReplyRow({ entry, onEdit }: { entry: ReplyLibraryEntry; onEdit(): void }) {
  const [confirming, setConfirming] = useState(false);
  const titleId = useId();
  const uses = entry.uses === 1 ? 'Used once' : `Used ${entry.uses} times`;
  return (
    <li className={entry.hidden ? 'reply-row reply-row-hidden' : 'reply-row'} aria-labelledby={titleId}>
      <div className="reply-row-top">
        <span id={titleId} className="reply-title">
          {entry.title}
        </span>
        <span className={`badge reply-origin reply-origin-${entry.origin}`}>{entry.replacesDefault ? 'Team (replaces a default)' : ORIGIN_NAMES[entry.origin]}</span>
        <span className="reply-meta">{entry.intent}</span>
        <span className="reply-meta">{uses}</span>
        {entry.hidden ? <span className="reply-meta reply-hidden-mark">Hidden: not suggested</span> : null}
      </div>
      <p className="reply-text">{entry.text}</p>
      <div className="reply-actions">
        <button type="button" className="button button-small" aria-label={`Edit ${entry.title}`} onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={`${entry.hidden ? 'Show' : 'Hide'} ${entry.title}`}
          onClick={() => void setReplyHidden(entry.id, !entry.hidden)}
        >
          {entry.hidden ? 'Show' : 'Hide'}
        </button>
        {entry.origin === 'default' ? null : confirming ? (
          <>
            <button type="button" className="button button-small button-danger" aria-label={`Really delete ${entry.title}`} onClick={() => void deleteReply(entry.id)}>
              {entry.replacesDefault ? 'Delete (the default comes back)' : 'Really delete'}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button button-small" aria-label={`Delete ${entry.title}`} onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

type Field = 'title' | 'intent' | 'text' | 'examples';
type FieldErrors = Partial<Record<Field | 'form', string>>;
const FIELDS: Field[] = ['title', 'intent', 'text', 'examples'];

function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = FIELDS.find((f) => f === issue.path[0]);
    const key = field ?? 'form';
    const where = field === 'examples' && typeof issue.path[1] === 'number' ? `example ${issue.path[1] + 1}: ` : '';
    errors[key] ??= `${where}${issue.message}`;
  }
  return errors;
}

/** "replies:save: text: unknown placeholder …" from the desktop → the field it names. */
function serverFieldErrors(message: string): FieldErrors {
  const rest = message.replace(/^replies:save: /, '');
  const match = /^(title|intent|text|examples)(?:\.(\d+))?: (.*)$/s.exec(rest);
  if (!match) return { form: rest };
  const field = match[1] as Field;
  return { [field]: `${match[2] !== undefined ? `example ${Number(match[2]) + 1}: ` : ''}${match[3]}` };
}

function ReplyForm({ entry, onDone }: { entry: ReplyLibraryEntry | null; onDone(): void }) {
  const [title, setTitle] = useState(entry?.title ?? '');
  const [intent, setIntent] = useState(entry?.intent ?? '');
  const [text, setText] = useState(entry?.text ?? '');
  const [examples, setExamples] = useState(entry?.examples.join('\n') ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const knownIntents = useRepliesStore((s) => s.entries);
  const intentOptions = useMemo(() => [...new Set((knownIntents ?? []).map((e) => e.intent))].sort(), [knownIntents]);
  const ids = { title: useId(), intent: useId(), text: useId(), examples: useId(), intents: useId(), help: useId(), form: useId() };
  const refs = {
    title: useRef<HTMLInputElement>(null),
    intent: useRef<HTMLInputElement>(null),
    text: useRef<HTMLTextAreaElement>(null),
    examples: useRef<HTMLTextAreaElement>(null),
  };

  useEffect(() => {
    refs.title.current?.focus();
    // Only when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const showErrors = (next: FieldErrors) => {
    setErrors(next);
    const first = FIELDS.find((f) => next[f]);
    if (first) refs[first].current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines = examples.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const input = { ...(entry ? { id: entry.id } : {}), title, intent, text, examples: lines };
    const parsed = ReplyMacroInput.safeParse(input);
    if (!parsed.success) return showErrors(fieldErrors(parsed.error.issues));
    setBusy(true);
    const result = await saveReply(parsed.data);
    setBusy(false);
    if (!result.ok) return showErrors(result.error.code === 'bad_request' ? serverFieldErrors(result.error.message) : { form: result.error.message });
    useUiStore.getState().announced(`Reply “${result.value.title}” saved`);
    onDone();
  };

  const insert = (name: string) => {
    const box = refs.text.current;
    const token = `{{${name}}}`;
    const at = box?.selectionStart ?? text.length;
    const end = box?.selectionEnd ?? at;
    setText(text.slice(0, at) + token + text.slice(end));
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const described = (field: Field, extra?: string) => [errors[field] ? `${ids[field]}-error` : '', extra ?? ''].filter(Boolean).join(' ') || undefined;
  const heading = entry ? (entry.origin === 'default' ? `Edit “${entry.title}” for your team` : `Edit “${entry.title}”`) : 'New reply';

  return (
    <form
      className="settings-form reply-form"
      aria-labelledby={ids.form}
      noValidate
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        // Escape leaves the form, not the whole Settings dialog (as the transfer panel does).
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        e.preventDefault();
        onDone();
      }}
    >
      <h4 id={ids.form}>{heading}</h4>
      {entry?.origin === 'default' ? <p className="settings-hint">Saving keeps your version as a team reply in place of the default; deleting it brings the default back.</p> : null}
      <div className="settings-field">
        <label htmlFor={ids.title}>Title</label>
        <input ref={refs.title} id={ids.title} type="text" maxLength={200} value={title} aria-invalid={errors.title ? true : undefined} aria-describedby={described('title')} onChange={(e) => setTitle(e.target.value)} />
        <FieldMessage id={`${ids.title}-error`} message={errors.title} />
      </div>
      <div className="settings-field">
        <label htmlFor={ids.intent}>Intent</label>
        <input
          ref={refs.intent}
          id={ids.intent}
          type="text"
          list={ids.intents}
          maxLength={100}
          value={intent}
          aria-invalid={errors.intent ? true : undefined}
          aria-describedby={described('intent')}
          onChange={(e) => setIntent(e.target.value)}
        />
        <datalist id={ids.intents}>
          {intentOptions.map((i) => (
            <option key={i} value={i} />
          ))}
        </datalist>
        <FieldMessage id={`${ids.intent}-error`} message={errors.intent} />
      </div>
      <div className="settings-field">
        <label htmlFor={ids.text}>Reply text</label>
        <textarea
          ref={refs.text}
          id={ids.text}
          rows={4}
          maxLength={5_000}
          value={text}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={described('text', ids.help)}
          onChange={(e) => setText(e.target.value)}
        />
        <FieldMessage id={`${ids.text}-error`} message={errors.text} />
        <p id={ids.help} className="settings-hint">
          Placeholders are filled from the customer record, for example {'{{customer.firstName}}'}; anything the record lacks stays as a visible blank.
        </p>
        <details className="reply-placeholders">
          <summary>Placeholders you can use</summary>
          <ul>
            {REPLY_PLACEHOLDERS.filter((p) => p.name !== 'data.KEY').map((p) => (
              <li key={p.name}>
                <button type="button" className="button button-small" aria-label={`Insert {{${p.name}}}`} onClick={() => insert(p.name)}>
                  Insert
                </button>{' '}
                <code>{`{{${p.name}}}`}</code> {p.description}
              </li>
            ))}
            <li>
              <code>{'{{data.KEY}}'}</code> a value the bot collected, e.g. {'{{data.device}}'}
            </li>
          </ul>
        </details>
      </div>
      <div className="settings-field">
        <label htmlFor={ids.examples}>Example customer messages (one per line)</label>
        <textarea
          ref={refs.examples}
          id={ids.examples}
          rows={3}
          value={examples}
          aria-invalid={errors.examples ? true : undefined}
          aria-describedby={described('examples')}
          onChange={(e) => setExamples(e.target.value)}
        />
        <FieldMessage id={`${ids.examples}-error`} message={errors.examples} />
      </div>
      {errors.form ? (
        <p className="field-error" role="alert">
          Not saved: {errors.form}
        </p>
      ) : null}
      <div className="reply-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save reply'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/** Import a team's file (all of it or nothing) and export this library as one to share. */
function ShareLibrary() {
  const entries = useRepliesStore(selectReplyEntries);
  const [replace, setReplace] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // The link is for the library as it was exported; any change after that makes it stale.
  const [download, setDownload] = useState<{ href: string; count: number; of: ReplyLibraryEntry[] | null } | null>(null);
  const fileId = useId();
  const replaceId = useId();

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setStatus(null);
    if (file.size > REPLY_LIBRARY_FILE_MAX_CHARS * 4) {
      input.value = '';
      return setStatus({ ok: false, text: `Nothing was imported: ${file.name} is too large (a library file holds at most ${REPLY_LIBRARY_FILE_MAX_CHARS.toLocaleString('en')} characters)` });
    }
    let json: string;
    try {
      json = await readText(file);
    } catch (error) {
      return setStatus({ ok: false, text: `${file.name} could not be read: ${(error as Error).message}` });
    } finally {
      input.value = '';
    }
    if (json.length > REPLY_LIBRARY_FILE_MAX_CHARS) {
      return setStatus({ ok: false, text: `Nothing was imported: ${file.name} is too large (a library file holds at most ${REPLY_LIBRARY_FILE_MAX_CHARS.toLocaleString('en')} characters)` });
    }
    const result = await importReplies(json, replace ? 'replace' : 'merge');
    if (!result.ok) return setStatus({ ok: false, text: `Nothing was imported from ${file.name}: ${result.error.message}` });
    const { imported, removed } = result.value;
    setStatus({ ok: true, text: `Imported ${imported} ${imported === 1 ? 'reply' : 'replies'} from ${file.name}${removed ? `; removed ${removed} team ${removed === 1 ? 'reply' : 'replies'} not in the file` : ''}.` });
  };

  const prepareExport = async () => {
    const result = await exportReplies();
    if (!result.ok) return setStatus({ ok: false, text: `Export failed: ${result.error.message}` });
    setDownload({ href: `data:application/json;charset=utf-8,${encodeURIComponent(result.value.json)}`, count: result.value.count, of: useRepliesStore.getState().entries });
  };

  return (
    <fieldset className="settings-fieldset">
      <legend>Share with your team</legend>
      <p className="settings-hint">Export your team&apos;s replies and the ones you marked as good as a JSON file; a colleague imports it here. A file with any error is not imported at all.</p>
      <div className="settings-field">
        <label htmlFor={fileId}>Import replies (JSON file)</label>
        <input id={fileId} type="file" accept="application/json,.json" onChange={(e) => void onFile(e)} />
      </div>
      <div className="settings-field settings-check">
        <input id={replaceId} type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
        <label htmlFor={replaceId}>Replace the team replies with the file&apos;s (your own good replies are kept)</label>
      </div>
      {status ? (
        <p className={status.ok ? 'settings-hint' : 'field-error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      ) : null}
      <div className="reply-actions">
        <button type="button" className="button" onClick={() => void prepareExport()}>
          Export library
        </button>
        {download && download.of === entries ? (
          <a className="button button-primary" href={download.href} download="baton-replies.json">
            Download baton-replies.json ({download.count} {download.count === 1 ? 'reply' : 'replies'})
          </a>
        ) : null}
      </div>
    </fieldset>
  );
}
