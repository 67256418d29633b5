// 'link:opened' (a baton://handoff/ID link opened from the OS): an accepted conversation comes to
// the front, an offer is selected in the inbox, an unknown handoff gets a readable notice.
import { act, screen, waitFor, within } from '@testing-library/react';
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

describe('link:opened', () => {
  it('brings an accepted conversation to the front and selects an offer', async () => {
    workspace = mountWorkspace([
      makeInboxItem({ id: 'a', customerName: 'Alpha', priority: 'P1' }),
      makeInboxItem({ id: 'b', customerName: 'Bravo', priority: 'P2' }),
      makeInboxItem({ id: 'c', customerName: 'Charlie', priority: 'P3' }),
    ]);
    const user = setupUser();
    for (const name of ['Alpha', 'Bravo']) {
      await user.click(within(await screen.findByRole('article', { name })).getByRole('button', { name: 'Accept' }));
      await screen.findByRole('heading', { level: 2, name });
    }
    act(() => workspace!.fake.emit('link:opened', { kind: 'handoff', handoffId: 'a' }));
    await screen.findByRole('heading', { level: 2, name: 'Alpha' });

    act(() => workspace!.fake.emit('link:opened', { kind: 'handoff', handoffId: 'c' }));
    await waitFor(() => expect(screen.getByRole('article', { name: 'Charlie' }).getAttribute('aria-current')).toBe('true'));
  });

  it('says so when the linked handoff is not in the inbox', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'a', customerName: 'Alpha' })]);
    await screen.findByRole('article', { name: 'Alpha' });
    act(() => workspace!.fake.emit('link:opened', { kind: 'handoff', handoffId: 'gone-1' }));
    expect(await screen.findByText(/The linked handoff is not in your inbox.*gone-1/)).toBeTruthy();
  });
});
