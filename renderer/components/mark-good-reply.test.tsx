// "Mark as good reply" in the transcript, against the desktop's real reply library through the real
// API client and dispatcher: a sent reply becomes an agent macro with placeholders, keyboard first.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReplyLibraryHandlers } from '../../main/services/intelligence/reply-library-handlers';
import { ReplyLibraryService } from '../../main/services/intelligence/reply-library-service';
import { InMemoryReplyLibraryStore } from '../../main/services/intelligence/reply-library-store';
import { useRepliesStore } from '../stores/replies-store';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { setupUser } from '../testing/user';
import { mountWorkspace, type Workspace } from '../testing/workspace-harness';

vi.setConfig({ testTimeout: 20_000 });

let workspace: Workspace | null = null;
afterEach(async () => {
  await workspace?.dispose();
  workspace = null;
  useRepliesStore.getState().reset();
});

describe('Mark as good reply', () => {
  it('keeps a sent reply in the library as the agent\'s own macro, with the customer\'s details as placeholders', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    const fake = workspace.fake;
    const library = new ReplyLibraryService({ store: new InMemoryReplyLibraryStore(), embed: () => Promise.reject(new Error('not used here')), onChanged: (c) => fake.emit('replies:changed', c) });
    Object.assign(fake.handlers, createReplyLibraryHandlers({ library, lookupHandoff: (id) => fake.items.get(id)?.handoff, agentName: () => 'Robin Okafor' }));
    const user = setupUser();

    const row = await screen.findByRole('article', { name: 'Dana Whitfield' });
    await user.click(within(row).getByRole('button', { name: 'Accept' }));
    await screen.findByRole('heading', { level: 2, name: 'Dana Whitfield' });
    const transcript = screen.getByRole('region', { name: 'Transcript' });
    // Only what the agent sent can be marked.
    expect(within(transcript).queryByRole('button', { name: 'Mark as good reply' })).toBeNull();

    const text = 'Dana, I have refunded the duplicate charge on Order #88231 (2 items) today. Robin';
    await user.type(screen.getByLabelText('Reply to Dana Whitfield'), text);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const sent = await within(transcript).findByText(text);
    // The services hold the conversation with the reply in it, as the desktop's inbox does after a
    // send (FakeBaton numbers its replies agent-msg-1, -2, …).
    fake.items.get('h1')!.handoff.conversation.messages.push({ id: 'agent-msg-1', author: 'agent', text, at: '2026-01-05T09:00:30.000Z' });

    const button = within(sent.closest('li')!).getByRole('button', { name: 'Mark as good reply' });
    expect(button.getAttribute('aria-describedby')).toBe(sent.id);
    button.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(button.textContent).toBe('Saved as good reply'));
    expect(fake.callsOf('replies:markGood')).toEqual([{ handoffId: 'h1', messageId: 'agent-msg-1' }]);

    const mine = library.list().filter((e) => e.origin === 'agent');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      intent: 'refund_status',
      text: '{{customer.firstName}}, I have refunded the duplicate charge on {{order.title}} today. {{agent.firstName}}',
      examples: ['I was charged twice for my order!', 'Five days is not acceptable. I want a person.'],
    });
    expect(screen.getByText(/^Saved to your reply library as “/)).toBeTruthy();
    // A changed library asks for fresh suggestions for the open conversation.
    await waitFor(() => expect(fake.callsOf('suggestions:get').length).toBeGreaterThanOrEqual(2));

    // Pressing it again does not save a second copy.
    await user.keyboard('{Enter}');
    expect(fake.callsOf('replies:markGood')).toHaveLength(1);
  });

  it('says why when the reply cannot be kept', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    const user = setupUser();
    const row = await screen.findByRole('article', { name: 'Dana Whitfield' });
    await user.click(within(row).getByRole('button', { name: 'Accept' }));
    await user.type(await screen.findByLabelText('Reply to Dana Whitfield'), 'Thanks for waiting.');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const sent = await screen.findByText('Thanks for waiting.');
    // FakeBaton has no reply library: the method answers 'unavailable', as a desktop without one would.
    await user.click(within(sent.closest('li')!).getByRole('button', { name: 'Mark as good reply' }));
    expect(await screen.findByText(/^Reply not saved to your library: /)).toBeTruthy();
    expect(within(sent.closest('li')!).getByRole('button', { name: 'Mark as good reply' })).toBeTruthy();
  });
});
