// The Transfer dialog in the conversation view, against the FakeBaton (real API client and
// dispatcher): to a queue with a note, to an agent, Escape cancels, and a refusal is shown.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { setupUser } from '../testing/user';
import { mountWorkspace, type Workspace } from '../testing/workspace-harness';

vi.setConfig({ testTimeout: 20_000 });

let workspace: Workspace | null = null;
afterEach(async () => {
  await workspace?.dispose();
  workspace = null;
});

async function openDana() {
  workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
  const user = setupUser();
  const row = await screen.findByRole('article', { name: 'Dana Whitfield' });
  await user.click(within(row).getByRole('button', { name: 'Accept' }));
  await screen.findByRole('heading', { level: 2, name: 'Dana Whitfield' });
  return { user, fake: workspace.fake };
}

describe('transfer', () => {
  it('sends the conversation to a queue with a note and closes it', async () => {
    const { user, fake } = await openDana();
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    const dialog = screen.getByRole('dialog', { name: 'Transfer this conversation' });
    expect(within(dialog).getByRole('button', { name: 'Transfer' }).hasAttribute('disabled')).toBe(true);
    await user.type(within(dialog).getByLabelText('Queue'), 'billing');
    await user.type(within(dialog).getByLabelText('Note for the next agent (optional)'), 'Refund approved, needs the invoice');
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect(await screen.findByText(/No conversation open/)).toBeTruthy();
    expect(fake.callsOf('handoffs:transfer')).toEqual([
      { handoffId: 'h1', to: { kind: 'queue', queue: 'billing' }, note: 'Refund approved, needs the invoice' },
    ]);
  });

  it('sends it to a named agent; Escape cancels without a call', async () => {
    const { user, fake } = await openDana();
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByLabelText('Reply to Dana Whitfield')).toBeTruthy();
    expect(fake.callsOf('handoffs:transfer')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    await user.click(screen.getByRole('radio', { name: 'An agent' }));
    await user.type(screen.getByLabelText('Agent id'), 'agent-7{Enter}');
    await screen.findByText(/No conversation open/);
    expect(fake.callsOf('handoffs:transfer')).toEqual([{ handoffId: 'h1', to: { kind: 'agent', agentId: 'agent-7' } }]);
  });

  it('shows the hub refusal and keeps the conversation', async () => {
    const { user, fake } = await openDana();
    fake.failNext('handoffs:transfer', 'unavailable', 'agent agent-9 has no spare capacity');
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    await user.click(screen.getByRole('radio', { name: 'An agent' }));
    await user.type(screen.getByLabelText('Agent id'), 'agent-9');
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Not transferred: agent agent-9 has no spare capacity');
    expect(screen.getByRole('heading', { level: 2, name: 'Dana Whitfield' })).toBeTruthy();
  });
});

describe('transfer to a colleague picked from the directory', () => {
  const colleagues = [
    { id: 'a-ann', name: 'Ann Alvarez', presence: 'away' as const, skills: ['billing'], connected: true },
    { id: 'a-bob', name: 'Bob Brown', presence: 'available' as const, skills: ['billing', 'returns'], connected: true },
    { id: 'a-cy', name: 'Cy Chen', presence: 'available' as const, skills: ['technical'], connected: false },
    { id: 'a-dee', name: 'Dee Diaz', presence: 'available' as const, skills: ['technical', 'german'], connected: true },
  ];

  it('lists colleagues with presence and skills, available first and the unavailable marked; type-ahead and keys choose', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    workspace.fake.directory = colleagues;
    const user = setupUser();
    const row = await screen.findByRole('article', { name: 'Dana Whitfield' });
    await user.click(within(row).getByRole('button', { name: 'Accept' }));
    await screen.findByRole('heading', { level: 2, name: 'Dana Whitfield' });
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    await user.click(screen.getByRole('radio', { name: 'An agent' }));

    const box = await screen.findByRole('combobox', { name: 'Agent' });
    await waitFor(() => expect(box.getAttribute('aria-expanded')).toBe('true'));
    const list = screen.getByRole('listbox', { name: 'Colleagues' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Bob BrownAvailablebilling, returns',
      'Dee DiazAvailabletechnical, german',
      'Ann AlvarezAway (unavailable)billing',
      'Cy ChenOffline (unavailable)technical',
    ]);

    // Type-ahead matches names and skills; arrows move, Enter chooses (and does not submit yet).
    await user.type(box, 'tech');
    expect(within(list).getAllByRole('option').map((o) => o.querySelector('.colleague-name')!.textContent)).toEqual(['Dee Diaz', 'Cy Chen']);
    await user.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[1]!.id);
    await user.keyboard('{ArrowUp}{Enter}');
    expect((box as HTMLInputElement).value).toBe('Dee Diaz');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(workspace.fake.callsOf('handoffs:transfer')).toEqual([]);

    await user.keyboard('{Enter}');
    await screen.findByText(/No conversation open/);
    expect(workspace.fake.callsOf('handoffs:transfer')).toEqual([{ handoffId: 'h1', to: { kind: 'agent', agentId: 'a-dee' } }]);
  });

  it('a name that matches nobody cannot be sent; Escape closes the list before the dialog', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    workspace.fake.directory = colleagues;
    const user = setupUser();
    await user.click(within(await screen.findByRole('article', { name: 'Dana Whitfield' })).getByRole('button', { name: 'Accept' }));
    await user.click(await screen.findByRole('button', { name: 'Transfer' }));
    await user.click(screen.getByRole('radio', { name: 'An agent' }));
    const box = await screen.findByRole('combobox', { name: 'Agent' });
    await user.type(box, 'zz');
    expect(screen.getByText(/No colleague matches/)).toBeTruthy();
    const dialog = screen.getByRole('dialog', { name: 'Transfer this conversation' });
    expect(within(dialog).getByRole('button', { name: 'Transfer' }).hasAttribute('disabled')).toBe(true);
    await user.keyboard('{Escape}');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('dialog', { name: 'Transfer this conversation' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('transfer fields look like the rest of the app', () => {
  // jsdom applies no stylesheet, so the check is the selector: every text field of the dialog must be
  // one the app's shared input rule (components.css: font, colours, border, padding) applies to.
  // (Vitest runs from the project root; import.meta.url is not a file URL under jsdom.)
  const sharedInputSelector = () => {
    const style = document.createElement('style');
    style.textContent = readFileSync(resolve('renderer/styles/components.css'), 'utf8');
    document.head.append(style);
    try {
      const rules = [...style.sheet!.cssRules].filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule);
      const inputRule = rules.find((rule) => rule.selectorText.includes('textarea') && rule.style.getPropertyValue('border').includes('var(--control-border)'));
      expect(inputRule, 'the shared input rule in components.css').toBeDefined();
      return inputRule!.selectorText;
    } finally {
      style.remove();
    }
  };

  it('the queue, agent id, colleague and note fields all take the shared input style', async () => {
    const selector = sharedInputSelector();
    const { user } = await openDana();
    workspace!.fake.directory = [{ id: 'a-bob', name: 'Bob Brown', presence: 'available', skills: ['billing'], connected: true }];
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    const dialog = screen.getByRole('dialog', { name: 'Transfer this conversation' });
    const fields = [within(dialog).getByLabelText('Queue'), within(dialog).getByLabelText('Note for the next agent (optional)')];
    await user.click(within(dialog).getByRole('radio', { name: 'An agent' }));
    fields.push(await within(dialog).findByRole('combobox', { name: 'Agent' }));
    for (const field of fields) expect(field.matches(selector), `${field.outerHTML.slice(0, 80)} matches "${selector}"`).toBe(true);
  });

  it('so does the agent id typed when the hub offers no directory', async () => {
    const selector = sharedInputSelector();
    const { user } = await openDana();
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    await user.click(screen.getByRole('radio', { name: 'An agent' }));
    expect((await screen.findByLabelText('Agent id')).matches(selector)).toBe(true);
  });
});
