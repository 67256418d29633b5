// The keyboard shortcut overlay ("?"). Focus moves into it and back out when it closes.
import { useEffect, useRef } from 'react';
import { useUiStore } from '../stores/ui-store';
import { selectHelpOpen } from '../stores/ui-selectors';

export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['j', '↓'], action: 'Next handoff in the inbox' },
  { keys: ['k', '↑'], action: 'Previous handoff in the inbox' },
  { keys: ['Enter', 'a'], action: 'Accept the selected handoff' },
  { keys: ['d'], action: 'Decline the selected handoff (asks for a reason)' },
  { keys: ['1 … 9', 'Ctrl+1 … 9'], action: 'Switch to your conversation 1 … 9' },
  { keys: ['r'], action: 'Write a reply in the open conversation' },
  { keys: ['Ctrl+Enter'], action: 'Send the reply' },
  { keys: ['?'], action: 'Show or hide this help' },
  { keys: ['Esc'], action: 'Close this help or the decline form' },
];

export function ShortcutHelp() {
  const open = useUiStore(selectHelpOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" onClick={() => useUiStore.getState().helpToggled(false)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-heading" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-heading">Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <th scope="row">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? ' or ' : ''}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </th>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeRef} type="button" className="button" onClick={() => useUiStore.getState().helpToggled(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
