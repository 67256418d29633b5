// 'session:changed' (a lead set this agent's presence on the hub): the header's presence selector
// follows the pushed session without the agent touching it.
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../stores/session-store';
import { selectPresence } from '../stores/session-selectors';
import { mountWorkspace, type Workspace } from '../testing/workspace-harness';

vi.setConfig({ testTimeout: 20_000 });

let workspace: Workspace | null = null;
afterEach(async () => {
  await workspace?.dispose();
  workspace = null;
});

describe('session:changed', () => {
  it("moves the header's presence selector to the presence a lead set", async () => {
    workspace = mountWorkspace();
    const select = (await screen.findByLabelText('Presence')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('available'));

    const session = workspace.fake.session;
    const changed = { ...session, agent: { ...session.agent!, presence: 'away' as const } };
    act(() => workspace!.fake.emit('session:changed', changed));

    expect(selectPresence(useSessionStore.getState())).toBe('away');
    await waitFor(() => expect(select.value).toBe('away'));
  });

  it('keeps the connection the pushed session carries', () => {
    const store = useSessionStore.getState();
    const connection = { status: 'open' as const, since: '2026-01-01T00:00:00.000Z', fatal: false };
    const agent = { id: 'a-1', name: 'Robin', role: 'agent' as const, skills: [], capacity: 3, presence: 'available' as const };
    store.sessionLoaded({ mode: 'hub', hubUrl: null, agent, role: 'agent', connection });
    store.sessionChanged({ mode: 'hub', hubUrl: null, agent: { ...agent, presence: 'busy' }, role: 'agent', connection });
    expect(selectPresence(useSessionStore.getState())).toBe('busy');
    expect(useSessionStore.getState().connection).toEqual(connection);
    store.reset();
  });
});

describe('presence from the operating system', () => {
  it('shows "Away — screen locked" in the selector and its accessible name, and drops the reason once the agent picks a status', async () => {
    workspace = mountWorkspace();
    const select = (await screen.findByLabelText('Presence')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('available'));

    const session = workspace.fake.session;
    act(() => workspace!.fake.emit('session:changed', { ...session, agent: { ...session.agent!, presence: 'away' }, presenceReason: 'locked' }));
    const away = (await screen.findByRole('combobox', { name: 'Presence: Away — screen locked' })) as HTMLSelectElement;
    expect(away.value).toBe('away');
    expect(away.selectedOptions[0]!.textContent).toBe('Away — screen locked');

    // Back at the desk: the services push the restored status, without a reason.
    act(() => workspace!.fake.emit('session:changed', { ...session, agent: { ...session.agent!, presence: 'available' }, presenceReason: null }));
    await waitFor(() => expect(select.value).toBe('available'));
    expect(screen.getByRole('combobox', { name: 'Presence' })).toBe(select);

    // Away by the OS again, then the agent chooses Busy by hand: no stale reason.
    act(() => workspace!.fake.emit('session:changed', { ...session, agent: { ...session.agent!, presence: 'away' }, presenceReason: 'idle' }));
    await screen.findByRole('combobox', { name: 'Presence: Away — no activity' });
    const { setupUser } = await import('../testing/user');
    await setupUser().selectOptions(select, 'busy');
    await waitFor(() => expect(select.value).toBe('busy'));
    expect(screen.getByRole('combobox', { name: 'Presence' })).toBe(select);
    expect(workspace.fake.callsOf('presence:set')).toEqual([{ presence: 'busy' }]);
  });
});
