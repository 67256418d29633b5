// Handing a conversation on: to another queue (the hub routes it to someone with the skills) or to a
// named agent (offered to them first), with a note that travels with it. Escape cancels.
import { useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DirectoryEntry } from '../../shared/hub-protocol';
import { loadColleagues, transferHandoff } from '../services/baton-client';
import { useInboxStore } from '../stores/inbox-store';
import { ColleaguePicker } from './colleague-picker';

/** The hub's directory: loading, loaded, or not offered (an older hub) — then an id is typed instead. */
type Directory = { state: 'loading' } | { state: 'loaded'; colleagues: DirectoryEntry[] } | { state: 'none' };

type TargetKind = 'queue' | 'agent';

export function TransferPanel({ handoffId, currentQueue, onCancel }: { handoffId: string; currentQueue: string; onCancel(): void }) {
  const [kind, setKind] = useState<TargetKind>('queue');
  const [queue, setQueue] = useState('');
  const [agentId, setAgentId] = useState('');
  const [colleague, setColleague] = useState<DirectoryEntry | null>(null);
  const [directory, setDirectory] = useState<Directory>({ state: 'loading' });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { heading: useId(), queue: useId(), queues: useId(), agent: useId(), note: useId() };
  // The queues this desktop has seen are the suggestions; any other name can be typed.
  const seenQueues = useInboxStore(useShallow((s) => Object.values(s.items).map((item) => item.handoff.queue)));
  const queues = useMemo(() => [...new Set([...seenQueues, currentQueue])].sort(), [seenQueues, currentQueue]);

  useEffect(() => {
    if (kind !== 'agent') return;
    let live = true;
    void loadColleagues().then((colleagues) => {
      if (live) setDirectory(colleagues ? { state: 'loaded', colleagues } : { state: 'none' });
    });
    return () => {
      live = false;
    };
  }, [kind]);

  const pickedAgent = directory.state === 'loaded' ? (colleague?.id ?? '') : agentId.trim();
  const target = kind === 'queue' ? queue.trim() : pickedAgent;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target || busy) return;
    setBusy(true);
    const to = kind === 'queue' ? ({ kind: 'queue', queue: target } as const) : ({ kind: 'agent', agentId: target } as const);
    const done = await transferHandoff(handoffId, to, note.trim() || undefined, kind === 'agent' ? colleague?.name : undefined);
    if (!done) setBusy(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <form className="card transfer-panel" role="dialog" aria-labelledby={ids.heading} onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
      <h3 id={ids.heading}>Transfer this conversation</h3>
      <fieldset className="transfer-target">
        <legend>Transfer to</legend>
        <label>
          <input type="radio" name={`${ids.heading}-kind`} value="queue" checked={kind === 'queue'} onChange={() => setKind('queue')} /> A queue
        </label>
        <label>
          <input type="radio" name={`${ids.heading}-kind`} value="agent" checked={kind === 'agent'} onChange={() => setKind('agent')} /> An agent
        </label>
      </fieldset>
      {kind === 'queue' ? (
        <>
          <label htmlFor={ids.queue}>Queue</label>
          <input id={ids.queue} type="text" list={ids.queues} value={queue} maxLength={100} autoFocus onChange={(e) => setQueue(e.target.value)} />
          <datalist id={ids.queues}>
            {queues.map((q) => (
              <option key={q} value={q} />
            ))}
          </datalist>
        </>
      ) : directory.state === 'loaded' ? (
        <ColleaguePicker colleagues={directory.colleagues} chosen={colleague} onChoose={setColleague} />
      ) : directory.state === 'loading' ? (
        <p className="muted" role="status">
          Loading your colleagues…
        </p>
      ) : (
        <>
          <label htmlFor={ids.agent}>Agent id</label>
          <input id={ids.agent} type="text" value={agentId} maxLength={200} autoFocus onChange={(e) => setAgentId(e.target.value)} />
        </>
      )}
      <label htmlFor={ids.note}>Note for the next agent (optional)</label>
      <textarea id={ids.note} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="offer-actions">
        <button type="submit" className="button button-primary" disabled={busy || !target}>
          Transfer
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
