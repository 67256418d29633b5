// Notes beside the conversation: written, shown with their sync state, updated live, searched.
import { act, screen, waitFor, within } from '@testing-library/react';
import { setupUser } from '../testing/user';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { mountWorkspace, type Workspace } from '../testing/workspace-harness';

// Whole-workspace renders are slow in jsdom on a busy 2-core machine; these are not timing tests.
vi.setConfig({ testTimeout: 20_000 });

let workspace: Workspace | null = null;
afterEach(async () => {
  await workspace?.dispose();
  workspace = null;
});

async function open(name: string) {
  const user = setupUser();
  const row = await screen.findByRole('article', { name });
  await user.click(within(row).getByRole('button', { name: 'Accept' }));
  await screen.findByRole('heading', { level: 2, name });
  return user;
}

type User = Awaited<ReturnType<typeof open>>;

/** Writes a note in the New note form and waits until the panel lists it. */
async function saveNote(user: User, body: string) {
  const form = screen.getByRole('form', { name: 'New note' });
  await user.click(within(form).getByLabelText('Note'));
  await user.paste(body);
  await user.click(within(form).getByRole('button', { name: 'Save note' }));
  await screen.findByText(body);
}

/** Types a query in the notes search and submits it; returns the search region. */
async function searchNotes(user: User, query: string) {
  const search = screen.getByRole('search', { name: 'Search notes' });
  await user.type(within(search).getByLabelText('Search all notes'), query);
  await user.click(within(search).getByRole('button', { name: 'Search' }));
  return search;
}

describe('notes panel', () => {
  it('saves a note about the conversation or the customer and shows it as waiting to sync', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana' })]);
    const user = await open('Dana');
    const form = screen.getByRole('form', { name: 'New note' });
    await user.click(within(form).getByLabelText('Note'));
    await user.paste('Promised a call back at 3pm');
    await user.click(within(form).getByRole('button', { name: 'Save note' }));
    const list = await screen.findByRole('list', { name: 'About this conversation' });
    expect(within(list).getByText('Promised a call back at 3pm')).toBeTruthy();
    expect(within(list).getByText('Saved on this device, waiting to sync')).toBeTruthy();
    expect(workspace.fake.callsOf('notes:create')).toEqual([{ subject: { kind: 'handoff', handoffId: 'h1' }, body: 'Promised a call back at 3pm' }]);

    await user.selectOptions(within(form).getByLabelText('About'), 'customer');
    await user.click(within(form).getByLabelText('Note'));
    await user.paste('Prefers email');
    await user.click(within(form).getByRole('button', { name: 'Save note' }));
    expect(within(await screen.findByRole('list', { name: 'About Dana' })).getByText('Prefers email')).toBeTruthy();
  });

  it('updates a note when the sync status arrives, and searches all notes', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana' })]);
    const user = await open('Dana');
    await saveNote(user, 'Refund approved by finance');
    const note = [...workspace.fake.notes.values()][0]!;
    act(() => workspace!.fake.emit('notes:changed', { note: { ...note, syncStatus: 'synced', hubVersion: 1 }, deleted: false }));
    expect(await screen.findByText('Synced')).toBeTruthy();

    await searchNotes(user, 'finance');
    const results = await screen.findByRole('list', { name: 'Note search results' });
    expect(within(results).getByText('finance').tagName).toBe('MARK');
  });

  it('says the search index is still being built (with how far) while the services rebuild it after start', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana' })]);
    const user = await open('Dana');
    await saveNote(user, 'Refund approved by finance');

    workspace.fake.noteIndexing = { done: 45_210, total: 100_000 };
    const search = await searchNotes(user, 'finance');
    expect((await within(search).findByRole('status')).textContent).toMatch(/^Search index is being built \(45%\): these are the notes indexed so far/);
    expect(within(await screen.findByRole('list', { name: 'Note search results' })).getByText('finance').tagName).toBe('MARK');
    expect(workspace.fake.callsOf('notes:searchWithIndexing')).toEqual([{ query: 'finance', limit: 20 }]);

    workspace.fake.noteIndexing = null;
    await user.click(within(search).getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(workspace!.fake.callsOf('notes:searchWithIndexing')).toHaveLength(2));
    await waitFor(() => expect(within(search).queryByRole('status')).toBeNull());
  });

  it('tells the offline agent how many notes wait to sync', async () => {
    workspace = mountWorkspace([]);
    await screen.findByText(/No handoffs waiting/);
    act(() => workspace!.fake.emit('sync:status', { online: false, offlineSince: '2026-01-05T08:59:00.000Z', pending: 3, failed: 0 }));
    act(() => workspace!.fake.setConnection({ status: 'connecting', since: '2026-01-05T08:59:00.000Z' }));
    await waitFor(() => expect(screen.getByText(/Offline since/).closest('.banner')!.textContent).toContain('3 changes are saved on this device'));
  });
});
