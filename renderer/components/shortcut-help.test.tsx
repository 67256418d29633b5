// The help overlay lists every workspace action: each button and field on the workspace (with an
// offer waiting and a conversation open, and with its Resolve and Transfer forms open) is named in
// it, so nothing is reachable only by someone who happens to find it.
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { setupUser } from '../testing/user';
import { mountWorkspace, type Workspace } from '../testing/workspace-harness';
import { TAB_ACTIONS } from './shortcut-help';

vi.setConfig({ testTimeout: 20_000 });

let workspace: Workspace | null = null;
afterEach(async () => {
  await workspace?.dispose();
  workspace = null;
});

/** The name a person hears for a control: its group's (grades, tabs), its label's, or its own. */
function nameOf(el: HTMLElement): string {
  const group = el.closest('[role=group][aria-label], nav[aria-label]');
  if (group) return group.getAttribute('aria-label')!;
  const labelled = (el as HTMLSelectElement).labels?.[0]?.textContent;
  return el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '';
}

function undocumented(): string[] {
  const controls = [...screen.queryAllByRole('button'), ...screen.queryAllByRole('combobox')];
  const covered = (name: string) => TAB_ACTIONS.some((t) => name.trim().startsWith(t.control));
  return [...new Set(controls.map(nameOf))].filter((n) => n.trim() && !covered(n));
}

describe('shortcut help', () => {
  it('opens with ?, lists the shortcuts and every other action, and closes with Escape', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    const user = setupUser();
    await screen.findByRole('article', { name: 'Dana Whitfield' });
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByRole('table', { name: 'Everything else: Tab to it, then Enter or Space' })).toBeTruthy();
    expect(dialog.textContent).toContain('Accept the selected handoff');
    expect(dialog.textContent).toContain('Raise hand');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('names every control of the workspace, its conversation and its forms', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' }), makeInboxItem({ id: 'h2', customerName: 'Eli Moss' })]);
    const user = setupUser();
    await user.click(within(await screen.findByRole('article', { name: 'Dana Whitfield' })).getByRole('button', { name: 'Accept' }));
    await screen.findByRole('heading', { level: 2, name: 'Dana Whitfield' });
    await user.click(within(screen.getByRole('article', { name: 'Eli Moss' })).getByRole('button', { name: 'Decline' }));
    const missing = [...undocumented()];
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    missing.push(...undocumented());
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    missing.push(...undocumented());
    expect([...new Set(missing)]).toEqual([]);
  });
});
