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
  { keys: ['Ctrl+,'], action: 'Open Settings (alerts, sound, quiet hours, theme, hub)' },
  { keys: ['?'], action: 'Show or hide this help' },
  { keys: ['Esc'], action: 'Close this help, Settings, the decline form, the transfer dialog or the colleague list' },
];

/**
 * Every other workspace action, and the control that does it: no letter of its own, but each is
 * a button or field reached with Tab (Shift+Tab back) and used with Enter or Space. `control` is
 * the start of the control's accessible name (a test checks every workspace button is listed).
 */
export const TAB_ACTIONS: { control: string; action: string }[] = [
  { control: 'Accept', action: 'Accept a handoff (on its row, the banner or the handoff card)' },
  { control: 'Decline', action: 'Decline a handoff; Confirm decline sends the reason' },
  { control: 'Confirm decline', action: 'Send the decline with its reason' },
  { control: 'Cancel', action: 'Close a form without sending it' },
  { control: 'Send', action: 'Send the reply (or Ctrl+Enter in the composer)' },
  { control: 'Transfer', action: 'Hand the open conversation to a queue or a colleague (↑/↓ and Enter pick a colleague)' },
  { control: 'Queue', action: 'In Transfer: the queue to send the conversation to (type or pick)' },
  { control: 'Agent', action: 'In Transfer: the colleague, by name or skill (↑/↓, Enter; away and offline ones are marked)' },
  { control: 'Resolve', action: 'Resolve the open conversation, with a handoff grade' },
  { control: 'Raise hand', action: 'Ask a lead for help with the open conversation' },
  { control: 'Presence', action: 'Available, Busy or Away (the selector in the header)' },
  { control: 'Theme', action: 'Switch between system, light and dark' },
  { control: 'Settings', action: 'Alerts, sound, quiet hours, theme and hub (or Ctrl+,)' },
  { control: 'Shortcuts', action: 'Show this help (or ?)' },
  { control: 'Your conversations', action: 'The tabs of your open conversations (or 1 … 9)' },
  { control: 'Handoff grade', action: 'On resolve: Good handoff, Should have been automated, Escalated too late, Summary wrong, Wrong team' },
  { control: 'Reason', action: 'Why you decline (a list, or Other… with your words)' },
  { control: 'About', action: 'Whether a new note is about the conversation or the customer' },
  { control: 'Save note', action: 'Save a note (kept on this device, synced to the hub)' },
  { control: 'Search', action: 'Search all notes' },
  { control: 'Delete note', action: 'Delete one of your notes' },
  { control: 'Dismiss', action: 'Dismiss a notice, a whisper or the offer banner' },
  { control: 'View', action: 'Show the bannered handoff in the inbox' },
  { control: 'Open', action: 'On the handoff card: show the handoff in Baton' },
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
        <h3 id="help-tab-heading">Everything else: Tab to it, then Enter or Space</h3>
        <table className="shortcuts" aria-labelledby="help-tab-heading">
          <tbody>
            {TAB_ACTIONS.map((t) => (
              <tr key={t.control}>
                <th scope="row">{t.control}</th>
                <td>{t.action}</td>
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
