// Settings → Reply library against the desktop's real reply library (ReplyLibraryService over an
// in-memory store) through the real API client and dispatcher: list, filter, add with field errors,
// delete, hide, import all-or-nothing, export.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReplyLibraryHandlers } from '../../../main/services/intelligence/reply-library-handlers';
import { ReplyLibraryService } from '../../../main/services/intelligence/reply-library-service';
import { InMemoryReplyLibraryStore } from '../../../main/services/intelligence/reply-library-store';
import type { Disposable } from '../../../shared/lifecycle';
import { startBatonClient } from '../../services/baton-client';
import { useRepliesStore } from '../../stores/replies-store';
import { FakeBaton } from '../../testing/fake-baton';
import { setupUser } from '../../testing/user';
import { resetStores } from '../../testing/workspace-harness';
import { RepliesSection } from './replies-section';

vi.setConfig({ testTimeout: 20_000 });

let fake: FakeBaton;
let library: ReplyLibraryService;
let client: Disposable;

beforeEach(() => {
  resetStores();
  useRepliesStore.getState().reset();
  fake = new FakeBaton();
  // Listing and editing never embed; suggestions are not part of this screen.
  library = new ReplyLibraryService({ store: new InMemoryReplyLibraryStore(), embed: () => Promise.reject(new Error('not used here')), onChanged: (c) => fake.emit('replies:changed', c) });
  Object.assign(fake.handlers, createReplyLibraryHandlers({ library, lookupHandoff: (id) => fake.items.get(id)?.handoff }));
  client = startBatonClient(fake.api);
});

afterEach(async () => {
  cleanup();
  await client.dispose();
  useRepliesStore.getState().reset();
  resetStores();
});

const defaults = () => library.list().length;

describe('Settings → Reply library', () => {
  it('lists every reply with origin and usage, and filters by search, origin and intent', async () => {
    library.recordUse('refund-status');
    library.recordUse('refund-status');
    const user = setupUser();
    render(<RepliesSection />);
    const list = await screen.findByRole('list', { name: 'Replies' });
    expect(screen.getByText(`${defaults()} replies`)).toBeTruthy();
    const refund = within(list).getByRole('listitem', { name: 'Refund on its way' });
    expect(within(refund).getByText('Default')).toBeTruthy();
    expect(within(refund).getByText('Used 2 times')).toBeTruthy();

    await user.type(screen.getByLabelText('Search replies'), 'refund');
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(defaults());
    expect(within(list).getByRole('listitem', { name: 'Refund on its way' })).toBeTruthy();
    await user.clear(screen.getByLabelText('Search replies'));
    await user.selectOptions(screen.getByLabelText('Intent'), 'billing');
    expect(within(list).getAllByRole('listitem').map((li) => li.querySelector('.reply-title')!.textContent)).toEqual(['Charged twice', 'Explain the bill', 'Send an invoice copy']);
    await user.selectOptions(screen.getByLabelText('Origin'), 'team');
    expect(screen.getByText(`0 of ${defaults()} replies`)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Replies' })).toBeNull();
  });

  it('adds a team reply, showing what is wrong next to each field first', async () => {
    const user = setupUser();
    render(<RepliesSection />);
    await screen.findByRole('list', { name: 'Replies' });
    await user.click(screen.getByRole('button', { name: 'New reply' }));
    const form = screen.getByRole('form', { name: 'New reply' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Title'));
    await user.type(within(form).getByLabelText('Title'), 'Warranty claim');
    await user.type(within(form).getByLabelText('Intent'), 'warranty');
    await user.click(within(form).getByLabelText('Reply text'));
    await user.paste('Hi {{customer.nickname}}, it is covered.');
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));

    const text = within(form).getByLabelText('Reply text');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    const textError = document.getElementById(text.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(textError.textContent).toMatch(/^unknown placeholder \{\{customer\.nickname\}\}/);
    const examples = within(form).getByLabelText('Example customer messages (one per line)');
    expect(document.getElementById(examples.getAttribute('aria-describedby')!)!.textContent).toBe('at least one example customer message is required');
    expect(document.activeElement).toBe(text);
    expect(fake.callsOf('replies:save')).toEqual([]);

    // Fix it with the placeholder help, keyboard only.
    await user.clear(text);
    await user.paste('Hi , it is covered.');
    (text as HTMLTextAreaElement).setSelectionRange(3, 3);
    within(form).getByRole('button', { name: 'Insert {{customer.firstName}}' }).focus();
    await user.keyboard('{Enter}');
    expect((text as HTMLTextAreaElement).value).toBe('Hi {{customer.firstName}}, it is covered.');
    // Insert gives the focus back to the text box on the next frame; typing on before that frame
    // would land in the text box.
    await waitFor(() => expect(document.activeElement).toBe(text));
    await user.click(examples);
    await user.paste('is this covered by the warranty\nmy device broke after a month');
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));

    const row = await screen.findByRole('listitem', { name: 'Warranty claim' });
    expect(within(row).getByText('Team')).toBeTruthy();
    expect(within(row).getByText('Used 0 times')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'New reply' })).toBeNull();
    expect(library.get('warranty-claim')).toMatchObject({ origin: 'team', examples: ['is this covered by the warranty', 'my device broke after a month'] });

    // Delete asks once more, then the reply is gone.
    await user.click(within(row).getByRole('button', { name: 'Delete Warranty claim' }));
    await user.click(within(row).getByRole('button', { name: 'Really delete Warranty claim' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Warranty claim' })).toBeNull());
    expect(library.get('warranty-claim')).toBeUndefined();
  });

  it('Escape leaves the reply form only (the key does not reach the Settings dialog)', async () => {
    const user = setupUser();
    const outer = vi.fn();
    render(
      <div onKeyDown={(e) => e.key === 'Escape' && outer()}>
        <RepliesSection />
      </div>,
    );
    await screen.findByRole('list', { name: 'Replies' });
    await user.click(screen.getByRole('button', { name: 'New reply' }));
    await user.type(within(screen.getByRole('form', { name: 'New reply' })).getByLabelText('Title'), 'Half-typed');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'New reply' })).toBeNull();
    expect(outer).not.toHaveBeenCalled();
    expect(fake.callsOf('replies:save')).toEqual([]);
  });

  it('hides a default instead of deleting it, and edits it as a team replacement', async () => {
    const user = setupUser();
    render(<RepliesSection />);
    const vip = await screen.findByRole('listitem', { name: 'VIP greeting' });
    expect(within(vip).queryByRole('button', { name: 'Delete VIP greeting' })).toBeNull();
    await user.click(within(vip).getByRole('button', { name: 'Hide VIP greeting' }));
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: 'VIP greeting' })).getByText('Hidden: not suggested')).toBeTruthy());
    expect(library.get('vip-greeting')!.hidden).toBe(true);

    await user.click(within(screen.getByRole('listitem', { name: 'Close on thanks' })).getByRole('button', { name: 'Edit Close on thanks' }));
    const form = screen.getByRole('form', { name: 'Edit “Close on thanks” for your team' });
    await user.clear(within(form).getByLabelText('Title'));
    await user.type(within(form).getByLabelText('Title'), 'Our closing line');
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));
    const row = await screen.findByRole('listitem', { name: 'Our closing line' });
    expect(within(row).getByText('Team (replaces a default)')).toBeTruthy();
    expect(screen.queryByRole('listitem', { name: 'Close on thanks' })).toBeNull();
  });

  it('imports a team file all or nothing, and exports the library as a download', async () => {
    const user = setupUser();
    render(<RepliesSection />);
    await screen.findByRole('list', { name: 'Replies' });
    const input = screen.getByLabelText('Import replies (JSON file)');
    const macro = (id: string, text = `Hello {{customer.firstName}} (${id})`) => ({ id, title: `Team ${id}`, intent: 'greeting', text, examples: [`hi ${id}`] });

    await user.upload(input, new File([JSON.stringify([macro('t-1'), macro('t-2', 'Hi {{customer.nick}}')])], 'team.json', { type: 'application/json' }));
    const alert = await screen.findByText(/^Nothing was imported from team\.json: /);
    expect(alert.textContent).toContain('reply library: 1.text: unknown placeholder {{customer.nick}}');
    expect(alert.textContent).toContain('(entry 2, id "t-2")');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(library.list().some((e) => e.id === 't-1')).toBe(false);

    await user.upload(input, new File([JSON.stringify([macro('t-1'), macro('t-2')])], 'team.json', { type: 'application/json' }));
    expect(await screen.findByText('Imported 2 replies from team.json.')).toBeTruthy();
    expect(await screen.findByRole('listitem', { name: 'Team t-2' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Export library' }));
    const link = await screen.findByRole('link', { name: 'Download baton-replies.json (2 replies)' });
    expect(link.getAttribute('download')).toBe('baton-replies.json');
    const href = link.getAttribute('href')!;
    expect(href.startsWith('data:application/json;charset=utf-8,')).toBe(true);
    const exported = JSON.parse(decodeURIComponent(href.slice(href.indexOf(',') + 1))) as { id: string; origin: string }[];
    expect(exported.map((m) => [m.id, m.origin])).toEqual([
      ['t-1', 'team'],
      ['t-2', 'team'],
    ]);
  });
});
