// Reply drafts survive a reload: saved to the local store after typing pauses, restored on open.
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { setupUser } from '../testing/user';
import { mountWorkspace, type Workspace } from '../testing/workspace-harness';

// Whole-workspace renders are slow in jsdom on a busy 2-core machine; these are not timing tests.
vi.setConfig({ testTimeout: 20_000 });

let workspace: Workspace | null = null;
afterEach(async () => {
  await workspace?.dispose();
  workspace = null;
});

describe('reply drafts', () => {
  it('saves the draft once typing pauses, and restores a saved draft when the conversation opens', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana', status: 'accepted' }), makeInboxItem({ id: 'h2', customerName: 'Eli' })]);
    workspace.fake.drafts.set('h1', 'Half-written before the crash');
    const box = (await screen.findByLabelText('Reply to Dana')) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('Half-written before the crash'));
    // Restoring is not a change: nothing is written back.
    act(() => workspace!.clock.advance(1_000));
    expect(workspace.fake.callsOf('drafts:save')).toEqual([]);

    const user = setupUser();
    await user.click(box);
    await user.keyboard(' and finished');
    act(() => workspace!.clock.advance(500));
    expect(workspace.fake.callsOf('drafts:save')).toEqual([]);
    act(() => workspace!.clock.advance(800));
    await waitFor(() => expect(workspace!.fake.drafts.get('h1')).toBe('Half-written before the crash and finished'));
    expect(workspace.fake.callsOf('drafts:save')).toHaveLength(1);

    // Sending clears the saved draft too.
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await within(screen.getByRole('region', { name: 'Transcript' })).findByText('Half-written before the crash and finished');
    act(() => workspace!.clock.advance(800));
    await waitFor(() => expect(workspace!.fake.drafts.has('h1')).toBe(false));
  });
});
