// Picking a colleague to transfer to: a combobox with type-ahead over the hub's directory (name,
// presence, skills). Arrow keys move through the matches, Enter or a click chooses, Escape closes
// the list first. Colleagues who cannot take work now (away, offline, not linked) are marked and
// listed after the available ones; the hub decides whether a transfer to them is accepted.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { DirectoryEntry } from '../../shared/hub-protocol';
import { PRESENCE_LABELS } from '../format/labels';

export function isAvailable(colleague: DirectoryEntry): boolean {
  return colleague.connected && colleague.presence === 'available';
}

function statusOf(colleague: DirectoryEntry): string {
  if (!colleague.connected) return 'Offline';
  return PRESENCE_LABELS[colleague.presence];
}

function matches(colleague: DirectoryEntry, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return colleague.name.toLowerCase().includes(q) || colleague.skills.some((s) => s.toLowerCase().includes(q));
}

export function ColleaguePicker({
  colleagues,
  chosen,
  onChoose,
}: {
  colleagues: DirectoryEntry[];
  chosen: DirectoryEntry | null;
  onChoose(colleague: DirectoryEntry | null): void;
}) {
  const [query, setQuery] = useState(chosen?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const ids = { input: useId(), list: useId(), option: useId() };
  const shown = useMemo(() => {
    const hits = colleagues.filter((c) => matches(c, query));
    return [...hits.filter(isAvailable), ...hits.filter((c) => !isAvailable(c))];
  }, [colleagues, query]);
  const activeIndex = Math.min(active, shown.length - 1);
  const optionId = (index: number) => `${ids.option}-${index}`;

  const choose = (colleague: DirectoryEntry) => {
    setQuery(colleague.name);
    setOpen(false);
    onChoose(colleague);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (shown.length === 0 ? 0 : (Math.min(i, shown.length - 1) + step + shown.length) % shown.length));
    } else if (event.key === 'Enter' && open && shown[activeIndex]) {
      // Enter on an open list chooses; on a closed one it submits the form.
      event.preventDefault();
      choose(shown[activeIndex]);
    } else if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="colleague-picker">
      <label htmlFor={ids.input}>Agent</label>
      <input
        id={ids.input}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={ids.list}
        aria-activedescendant={open && shown[activeIndex] ? optionId(activeIndex) : undefined}
        autoComplete="off"
        value={query}
        maxLength={200}
        autoFocus
        placeholder="Type a name or a skill"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
          if (chosen && e.target.value !== chosen.name) onChoose(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={ids.list} role="listbox" aria-label="Colleagues" className="colleague-list" hidden={!open}>
        {shown.length === 0 ? (
          <li className="colleague-empty" role="presentation">
            No colleague matches “{query.trim()}”
          </li>
        ) : (
          shown.map((c, index) => (
            <li
              key={c.id}
              id={optionId(index)}
              role="option"
              aria-selected={chosen?.id === c.id}
              className={`colleague${index === activeIndex ? ' colleague-active' : ''}${isAvailable(c) ? '' : ' colleague-unavailable'}`}
              // mousedown, not click: the input's blur would close the list before the click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              <span className="colleague-name">{c.name}</span>
              <span className={`colleague-status presence-${c.connected ? c.presence : 'offline'}`}>
                {statusOf(c)}
                {isAvailable(c) ? '' : ' (unavailable)'}
              </span>
              {c.skills.length > 0 ? <span className="colleague-skills">{c.skills.join(', ')}</span> : null}
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
