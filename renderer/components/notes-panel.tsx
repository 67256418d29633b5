// Notes about this conversation and this customer. A note is saved on this device first (so it
// survives a crash or a day offline) and synced to the hub later; each note says which it is.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { LocalNote, NoteSearchResults, SearchIndexing } from '../../shared/api';
import type { NoteSubject } from '../../shared/domain';
import { createNote, deleteNote, loadNotes, searchNotes } from '../services/baton-client';
import { selectNotes, selectNotesLoaded, subjectKey, useNotesStore } from '../stores/notes-store';
import { formatDateTime } from '../format/duration';

const SYNC_WORDS: Record<LocalNote['syncStatus'], string> = {
  pending: 'Saved on this device, waiting to sync',
  synced: 'Synced',
  failed: 'Sync failed',
};

export function NotesPanel({ handoffId, customerId, customerName }: { handoffId: string; customerId: string; customerName: string }) {
  const handoffSubject: NoteSubject = { kind: 'handoff', handoffId };
  const customerSubject: NoteSubject = { kind: 'customer', customerId };
  const handoffKey = subjectKey(handoffSubject);
  const customerKey = subjectKey(customerSubject);
  const handoffNotes = useNotesStore(selectNotes(handoffKey));
  const customerNotes = useNotesStore(selectNotes(customerKey));
  const loaded = useNotesStore(selectNotesLoaded(handoffKey));

  useEffect(() => {
    void loadNotes({ kind: 'handoff', handoffId });
    void loadNotes({ kind: 'customer', customerId });
  }, [handoffId, customerId]);

  return (
    <section className="card notes-panel" aria-labelledby="notes-heading">
      <h3 id="notes-heading">Notes</h3>
      <NoteForm handoffSubject={handoffSubject} customerSubject={customerSubject} customerName={customerName} />
      <NoteList label="About this conversation" notes={handoffNotes} subject={handoffSubject} />
      <NoteList label={`About ${customerName}`} notes={customerNotes} subject={customerSubject} />
      {loaded && handoffNotes.length === 0 && customerNotes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <NoteSearch />
    </section>
  );
}

function NoteForm({ handoffSubject, customerSubject, customerName }: { handoffSubject: NoteSubject; customerSubject: NoteSubject; customerName: string }) {
  const [body, setBody] = useState('');
  const [about, setAbout] = useState<'handoff' | 'customer'>('handoff');
  const [busy, setBusy] = useState(false);
  const bodyId = useId();
  const aboutId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    const saved = await createNote(about === 'handoff' ? handoffSubject : customerSubject, body.trim());
    setBusy(false);
    if (saved) setBody('');
  };

  return (
    <form className="note-form" aria-label="New note" onSubmit={(e) => void submit(e)}>
      <label htmlFor={bodyId} className="visually-hidden">
        Note
      </label>
      <textarea id={bodyId} rows={2} maxLength={20_000} placeholder="Write a note…" value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="note-form-bar">
        <label htmlFor={aboutId}>About</label>
        <select id={aboutId} value={about} onChange={(e) => setAbout(e.target.value as 'handoff' | 'customer')}>
          <option value="handoff">This conversation</option>
          <option value="customer">{customerName}</option>
        </select>
        <button type="submit" className="button" disabled={busy || !body.trim()}>
          Save note
        </button>
      </div>
    </form>
  );
}

function NoteList({ label, notes, subject }: { label: string; notes: LocalNote[]; subject: NoteSubject }) {
  if (notes.length === 0) return null;
  return (
    <div className="note-group">
      <h4>{label}</h4>
      <ul className="notes" role="list" aria-label={label}>
        {notes.map((note) => (
          <li key={note.id} className="note">
            <p className="note-body">{note.body}</p>
            <div className="note-meta">
              <time dateTime={note.createdAt}>{formatDateTime(note.createdAt)}</time>
              <span className={`sync sync-${note.syncStatus}`} title={note.syncError ?? undefined}>
                {SYNC_WORDS[note.syncStatus]}
                {note.syncStatus === 'failed' && note.syncError ? `: ${note.syncError}` : ''}
              </span>
              <button type="button" className="button button-quiet button-small" aria-label={`Delete note: ${note.body.slice(0, 40)}`} onClick={() => void deleteNote(note.id, subject)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Right after start the search index is rebuilt in the background: say so rather than look incomplete. */
function indexingWords({ done, total }: SearchIndexing): string {
  const percent = total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0;
  return `Search index is being built (${percent}%): these are the notes indexed so far. Search again in a moment for all of them.`;
}

function NoteSearch() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<NoteSearchResults | null>(null);
  const hits = results?.hits ?? null;
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) {
      setResults(null);
      return;
    }
    const result = await searchNotes(query.trim());
    if (result.ok) {
      setResults(result.value);
      setError(null);
    } else setError(result.error.message);
  };

  return (
    <form className="note-search" role="search" aria-label="Search notes" onSubmit={(e) => void submit(e)}>
      <label htmlFor={inputId} className="visually-hidden">
        Search all notes
      </label>
      <div className="note-form-bar">
        <input id={inputId} type="search" placeholder="Search all notes" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button">
          Search
        </button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      {results?.indexing ? (
        <p className="muted" role="status">
          {indexingWords(results.indexing)}
        </p>
      ) : null}
      {hits ? (
        hits.length === 0 ? (
          <p className="muted">{results?.indexing ? 'No note indexed so far matches.' : 'No notes match.'}</p>
        ) : (
          <ul className="notes" role="list" aria-label="Note search results">
            {hits.map((hit) => (
              <li key={hit.note.id} className="note">
                <p className="note-body">
                  {hit.snippet.map((seg, i) => (seg.match ? <mark key={i}>{seg.text}</mark> : <span key={i}>{seg.text}</span>))}
                </p>
                <div className="note-meta">
                  <time dateTime={hit.note.createdAt}>{formatDateTime(hit.note.createdAt)}</time>
                  <span>{hit.note.subject.kind === 'customer' ? 'Customer note' : 'Conversation note'}</span>
                </div>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </form>
  );
}
