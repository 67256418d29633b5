// Keyboard-first operation: one document-level handler for the shortcuts listed in the help
// overlay. Letters and digits are ignored while the agent types in a field; Ctrl+digit works
// everywhere.
import { useEffect } from 'react';
import { acceptHandoff } from '../services/baton-client';
import { useConversationStore } from '../stores/conversation-store';
import { useInboxStore } from '../stores/inbox-store';
import { selectOfferIds } from '../stores/inbox-selectors';
import { useUiStore } from '../stores/ui-store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName);
}

/** Arrow keys scroll whatever has focus; they move the inbox cursor only from the inbox or the page. */
function arrowsBelongToInbox(target: EventTarget | null): boolean {
  return !(target instanceof HTMLElement) || target === document.body || target.closest('.inbox') !== null;
}

function moveSelection(step: 1 | -1): void {
  const inbox = useInboxStore.getState();
  const ids = selectOfferIds(inbox);
  if (ids.length === 0) return;
  const current = inbox.selectedId ? ids.indexOf(inbox.selectedId) : -1;
  const next = current === -1 ? (step === 1 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, current + step));
  inbox.offerSelected(ids[next]!);
}

function switchConversation(index: number): boolean {
  const id = useInboxStore.getState().acceptedOrder[index];
  if (!id) return false;
  useConversationStore.getState().conversationOpened(id);
  return true;
}

/** Ctrl+, (Cmd+, on a Mac) opens Settings, as in most desktop apps; it works while typing too. */
export function isSettingsShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (event.key === ',' || event.code === 'Comma');
}

export function handleShortcut(event: KeyboardEvent): void {
  const ui = useUiStore.getState();
  if (event.key === 'Escape') {
    if (ui.helpOpen) ui.helpToggled(false);
    else if (ui.decliningId) ui.declineOpened(null);
    return;
  }
  if (isSettingsShortcut(event)) {
    event.preventDefault();
    ui.settingsToggled(true);
    return;
  }
  // The Settings dialog is modal: the workspace's keys wait until it closes.
  if (ui.settingsOpen) return;
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
  if (digit && event.ctrlKey && !event.altKey && !event.shiftKey) {
    if (switchConversation(Number(digit) - 1)) event.preventDefault();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  if (ui.helpOpen) {
    if (event.key === '?') ui.helpToggled(false);
    return;
  }
  if (event.key === '?') {
    event.preventDefault();
    ui.helpToggled(true);
    return;
  }
  if (digit) {
    if (switchConversation(Number(digit) - 1)) event.preventDefault();
    return;
  }
  const selectedId = useInboxStore.getState().selectedId;
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      if (!arrowsBelongToInbox(event.target)) return;
      event.preventDefault();
      moveSelection(event.key === 'ArrowDown' ? 1 : -1);
      return;
    case 'j':
    case 'k':
      event.preventDefault();
      moveSelection(event.key === 'j' ? 1 : -1);
      return;
    case 'Enter':
      // On a focused button Enter belongs to that button.
      if (isActivatable(event.target) || !selectedId) return;
      event.preventDefault();
      void acceptHandoff(selectedId);
      return;
    case 'a':
      if (!selectedId) return;
      event.preventDefault();
      void acceptHandoff(selectedId);
      return;
    case 'd':
      if (!selectedId) return;
      event.preventDefault();
      ui.declineOpened(selectedId);
      return;
    case 'r': {
      const composer = document.querySelector<HTMLTextAreaElement>('[data-composer="true"]');
      if (!composer) return;
      event.preventDefault();
      composer.focus();
      return;
    }
  }
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    document.addEventListener('keydown', handleShortcut);
    return () => document.removeEventListener('keydown', handleShortcut);
  }, []);
}
