// The Transfer dialog in the conversation view, against the FakeBaton (real API client and
// dispatcher): to a queue with a note, to an agent, Escape cancels, and a refusal is shown.
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
