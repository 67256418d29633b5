// The agent's main flow through the whole workspace, against the FakeBaton (real API client and
// dispatcher, in-memory services) with a manual clock.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setupUser } from '../testing/user';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { mountWorkspace, type Workspace } from '../testing/workspace-harness';
import { windowSizedScroller } from '../testing/window-sized-scroller';
import { useInboxStore } from '../stores/inbox-store';
import { useUiStore } from '../stores/ui-store';

// Whole-workspace renders are slow in jsdom on a busy 2-core machine; these are not timing tests.
vi.setConfig({ testTimeout: 20_000 });

let workspace: Workspace | null = null;
function mount(...args: Parameters<typeof mountWorkspace>): Workspace {
  workspace = mountWorkspace(...args);
  return workspace;
}

afterEach(async () => {
  await workspace?.dispose();
  workspace = null;
});

async function inboxRows(): Promise<HTMLElement[]> {
  const list = await screen.findByRole('list', { name: 'Handoff inbox' });
  return within(list).queryAllByRole('listitem');
}

function rowFor(name: string): HTMLElement {
  const list = screen.getByRole('list', { name: 'Handoff inbox' });
  const heading = within(list).getByRole('heading', { name });
  return heading.closest('article')!;
}

describe('inbox', () => {
  it('shows offers by priority then age, each with name, tier, trigger, rule, mood and waiting time', async () => {
    mount([
      makeInboxItem({ id: 'h1', customerName: 'Ada Low', priority: 'P3', ageSeconds: 600 }),
      makeInboxItem({ id: 'h2', customerName: 'Ben Urgent', priority: 'P1', ageSeconds: 30, trigger: 'vip_customer' }),
      makeInboxItem({ id: 'h3', customerName: 'Cleo Older', priority: 'P1', ageSeconds: 400, trigger: 'human_requested' }),
    ]);
    await waitFor(async () => expect(await inboxRows()).toHaveLength(3));
    const names = (await inboxRows()).map((row) => within(row).getByRole('heading').textContent);
    expect(names).toEqual(['Cleo Older', 'Ben Urgent', 'Ada Low']);

    const ben = rowFor('Ben Urgent');
    expect(within(ben).getByText('VIP / high-value customer')).toBeTruthy();
    expect(within(ben).getByText('Premium')).toBeTruthy();
    expect(within(ben).getByText('P1')).toBeTruthy();
    expect(within(ben).getByText(/Rule: negative-premium/)).toBeTruthy();
    expect(within(ben).getByText('Upset')).toBeTruthy();
    expect(within(ben).getByText('Waiting under 1 min')).toBeTruthy();
    expect(within(rowFor('Ada Low')).getByText('Waiting 10 min')).toBeTruthy();
    expect(within(ben).getByRole('button', { name: 'Accept' })).toBeTruthy();
    expect(within(ben).getByRole('button', { name: 'Decline' })).toBeTruthy();
  });

  it('counts down to the offer expiry as the clock moves', async () => {
    const { clock } = mount([makeInboxItem({ id: 'h1', customerName: 'Dana', expiresInSeconds: 30 })]);
    const row = await screen.findByRole('article', { name: 'Dana' });
    expect(within(row).getByText('0:30')).toBeTruthy();
    act(() => clock.advance(5_000));
    expect(within(row).getByText('0:25')).toBeTruthy();
    act(() => clock.advance(20_000));
    expect(within(row).getByText('0:05').closest('.countdown')!.className).toContain('countdown-urgent');
    act(() => clock.advance(6_000));
    expect(within(row).getByText('Expiring…')).toBeTruthy();
  });

  it('shows a calm empty state when nothing is waiting', async () => {
    mount([]);
    expect(await screen.findByText(/No handoffs waiting/)).toBeTruthy();
  });

  it('adds a pushed offer live and announces it politely', async () => {
    const { fake } = mount([]);
    await screen.findByText(/No handoffs waiting/);
    act(() => fake.emit('offer:received', makeInboxItem({ id: 'new', customerName: 'Eve New', priority: 'P1', trigger: 'human_requested' })));
    expect(await screen.findByRole('article', { name: 'Eve New' })).toBeTruthy();
    const live = screen.getByTestId('live-announcer');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('New handoff from Eve New, P1: Customer asked for a human');
  });

  it('removes an offer when it is revoked', async () => {
    const { fake } = mount([makeInboxItem({ id: 'h1', customerName: 'Finn' }), makeInboxItem({ id: 'h2', customerName: 'Gus' })]);
    await screen.findByRole('article', { name: 'Finn' });
    act(() => fake.emit('offer:revoked', { handoffId: 'h1', reason: 'accepted_elsewhere' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Finn' })).toBeNull());
    expect(screen.getByRole('article', { name: 'Gus' })).toBeTruthy();
    expect(screen.getByTestId('live-announcer').textContent).toBe('The handoff from Finn was taken by another agent');
  });

  it('declines with a reason and the offer leaves the inbox', async () => {
    const { fake } = mount([makeInboxItem({ id: 'h1', customerName: 'Hana' })]);
    const user = setupUser();
    const row = await screen.findByRole('article', { name: 'Hana' });
    await user.click(within(row).getByRole('button', { name: 'Decline' }));
    const form = within(row).getByRole('form', { name: 'Decline reason' });
    await user.selectOptions(within(form).getByLabelText('Reason'), 'Outside my skills');
    await user.click(within(form).getByRole('button', { name: 'Confirm decline' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Hana' })).toBeNull());
    expect(fake.callsOf('handoffs:decline')).toEqual([{ handoffId: 'h1', reason: 'Outside my skills' }]);
  });

  it('shows the API error message when an accept fails, and drops an offer that is gone', async () => {
    const { fake } = mount([makeInboxItem({ id: 'h1', customerName: 'Ivo' })]);
    const user = setupUser();
    const row = await screen.findByRole('article', { name: 'Ivo' });
    fake.failNext('handoffs:accept', 'conflict', 'this handoff was accepted by another agent');
    await user.click(within(row).getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText('Could not accept the handoff from Ivo: this handoff was accepted by another agent')).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Ivo' })).toBeNull();
  });

  it('virtualizes a long inbox: 5,000 offers put only a window of rows in the DOM', { timeout: 20_000 }, async () => {
    // One validated fixture, varied by hand: building 5,000 through the schema would dominate the test.
    const template = makeInboxItem({ id: 'template' });
    const items = Array.from({ length: 5_000 }, (_, i) => {
      const item = structuredClone(template);
      item.handoff.id = `q${i}`;
      item.handoff.customer.name = `Queued ${i}`;
      item.handoff.priority = (['P1', 'P2', 'P3', 'P4'] as const)[i % 4]!;
      item.handoff.receivedAt = new Date(Date.parse(template.handoff.receivedAt) - i * 1000).toISOString();
      return item;
    });
    windowSizedScroller();
    mount(items);
    // Role queries over a large tree are slow in jsdom; the list is found by role once, rows by attribute.
    const rows = await waitFor(
      () => {
        const list = screen.getByRole('list', { name: 'Handoff inbox' });
        const found = [...list.querySelectorAll<HTMLElement>('[role="listitem"]')];
        expect(found.length).toBeGreaterThan(0);
        return found;
      },
      { timeout: 5_000 },
    );
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('5000');
    // Highest priority, longest waiting first.
    expect(within(rows[0]!).getByRole('heading').textContent).toBe('Queued 4996');
    expect(screen.getByLabelText('5000 waiting')).toBeTruthy();
  });
});

describe('conversation', () => {
  async function acceptDana(ws: Workspace) {
    const user = setupUser();
    const row = await screen.findByRole('article', { name: 'Dana Whitfield' });
    await user.click(within(row).getByRole('button', { name: 'Accept' }));
    await screen.findByRole('heading', { level: 2, name: 'Dana Whitfield' });
    return { user, fake: ws.fake };
  }

  it('opens on accept with the AI summary, steps taken, why escalated, transcript and customer record', async () => {
    const ws = mount([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield', summary: 'Charged twice for order #88231.' })]);
    await acceptDana(ws);
    const summary = screen.getByRole('region', { name: 'AI summary' });
    expect(within(summary).getByText('Charged twice for order #88231.')).toBeTruthy();
    expect(within(summary).getByText('Confirmed two card charges of £129.00')).toBeTruthy();

    const why = screen.getByRole('region', { name: 'Why this was escalated' });
    expect(within(why).getByText('Negative sentiment')).toBeTruthy();
    expect(within(why).getByText('negative-premium')).toBeTruthy();
    expect(within(why).getByText('42%')).toBeTruthy();
    expect(within(why).getByText('88231')).toBeTruthy();
    expect(within(why).getAllByText('refund_status')).toHaveLength(2);

    const transcript = screen.getByRole('region', { name: 'Transcript' });
    const messages = within(transcript).getAllByRole('listitem');
    expect(messages).toHaveLength(4);
    // Mood only where the platform gave a sentiment: the first customer message, not the second.
    expect(within(messages[0]!).getByText('Upset')).toBeTruthy();
    expect(within(messages[2]!).queryByText('Upset')).toBeNull();
    expect(within(messages[1]!).getByText('Bot')).toBeTruthy();

    const record = screen.getByRole('complementary', { name: 'Customer record' });
    expect(within(record).getByText('dana.whitfield@example.com')).toBeTruthy();
    expect(within(record).getByText('Business annual')).toBeTruthy();
    expect(within(record).getByText('Resolved by the bot')).toBeTruthy();
    expect(within(record).getByText('Order #88231 (2 items)')).toBeTruthy();

    expect(screen.queryByRole('article', { name: 'Dana Whitfield' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Your conversations' })).toBeTruthy();
    expect(screen.getByText('SLA 14:00 left')).toBeTruthy();
  });

  it('appends customer messages that arrive live', async () => {
    const ws = mount([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    const { fake } = await acceptDana(ws);
    act(() =>
      fake.emit('message:received', {
        handoffId: 'h1',
        message: { id: 'live-1', author: 'customer', text: 'Are you still there?', at: new Date(ws.clock.now()).toISOString() },
      }),
    );
    const transcript = screen.getByRole('region', { name: 'Transcript' });
    expect(await within(transcript).findByText('Are you still there?')).toBeTruthy();
    // The same message delivered twice (a resend after reconnect) shows once.
    act(() =>
      fake.emit('message:received', {
        handoffId: 'h1',
        message: { id: 'live-1', author: 'customer', text: 'Are you still there?', at: new Date(ws.clock.now()).toISOString() },
      }),
    );
    expect(within(transcript).getAllByText('Are you still there?')).toHaveLength(1);
  });

  it('sends a reply with Ctrl+Enter and shows it in the transcript', async () => {
    const ws = mount([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    const { user, fake } = await acceptDana(ws);
    const box = screen.getByLabelText('Reply to Dana Whitfield');
    await user.type(box, 'I have refunded the duplicate charge now.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const transcript = screen.getByRole('region', { name: 'Transcript' });
    expect(await within(transcript).findByText('I have refunded the duplicate charge now.')).toBeTruthy();
    expect(fake.callsOf('handoffs:reply')).toEqual([{ handoffId: 'h1', text: 'I have refunded the duplicate charge now.' }]);
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps the draft and shows the error when a reply fails', async () => {
    const ws = mount([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    const { user, fake } = await acceptDana(ws);
    fake.failNext('handoffs:reply', 'unavailable', 'the hub is unreachable');
    const box = screen.getByLabelText('Reply to Dana Whitfield');
    await user.type(box, 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Not sent: the hub is unreachable');
    expect((box as HTMLTextAreaElement).value).toBe('Hello');
  });

  it('resolves with a one-click grade and a comment, and closes the conversation', async () => {
    const ws = mount([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    const { user, fake } = await acceptDana(ws);
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    await user.type(screen.getByLabelText('Comment for the team (optional)'), 'Refund policy was unclear to the bot');
    await user.click(screen.getByRole('button', { name: 'Escalated too late' }));
    expect(await screen.findByText(/No conversation open/)).toBeTruthy();
    expect(fake.callsOf('handoffs:resolve')).toEqual([
      { handoffId: 'h1', grade: 'escalated_too_late', comment: 'Refund policy was unclear to the bot' },
    ]);
    expect(screen.queryByRole('navigation', { name: 'Your conversations' })).toBeNull();
  });
});

describe('keyboard', () => {
  it('moves through the inbox with j/k and accepts with Enter; digits switch conversations', async () => {
    const ws = mount([
      makeInboxItem({ id: 'a', customerName: 'Alpha', priority: 'P1' }),
      makeInboxItem({ id: 'b', customerName: 'Bravo', priority: 'P2' }),
      makeInboxItem({ id: 'c', customerName: 'Charlie', priority: 'P3' }),
    ]);
    const user = setupUser();
    await screen.findByRole('article', { name: 'Charlie' });
    await user.keyboard('jj');
    expect(screen.getByRole('article', { name: 'Bravo' }).getAttribute('aria-current')).toBe('true');
    await user.keyboard('k');
    expect(screen.getByRole('article', { name: 'Alpha' }).getAttribute('aria-current')).toBe('true');
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 2, name: 'Alpha' });
    await user.keyboard('j');
    await user.keyboard('a');
    await screen.findByRole('heading', { level: 2, name: 'Bravo' });
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('1');
    expect(screen.getByRole('heading', { level: 2, name: 'Alpha' })).toBeTruthy();
    await user.keyboard('{Control>}2{/Control}');
    expect(screen.getByRole('heading', { level: 2, name: 'Bravo' })).toBeTruthy();
    expect(ws.fake.callsOf('handoffs:accept')).toEqual([{ handoffId: 'a' }, { handoffId: 'b' }]);
  });

  it('opens the shortcut help with ? and closes it with Escape', async () => {
    mount([]);
    const user = setupUser();
    await screen.findByText(/No handoffs waiting/);
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Accept the selected handoff')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('does not treat letters typed in the composer as shortcuts', async () => {
    const ws = mount([makeInboxItem({ id: 'a', customerName: 'Alpha' }), makeInboxItem({ id: 'b', customerName: 'Bravo' })]);
    const user = setupUser();
    await user.click(within(await screen.findByRole('article', { name: 'Alpha' })).getByRole('button', { name: 'Accept' }));
    await user.type(await screen.findByLabelText('Reply to Alpha'), 'jak?');
    expect(ws.fake.callsOf('handoffs:accept')).toHaveLength(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('article', { name: 'Bravo' }).getAttribute('aria-current')).toBeNull();
  });
});

describe('session and connection', () => {
  it('shows the agent, changes presence through presence:set', async () => {
    const { fake } = mount([]);
    const user = setupUser();
    expect(await screen.findByText('Robin Okafor')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Presence'), 'busy');
    await waitFor(() => expect((screen.getByLabelText('Presence') as HTMLSelectElement).value).toBe('busy'));
    expect(fake.callsOf('presence:set')).toEqual([{ presence: 'busy' }]);
  });

  it('shows an offline banner saying since when, and reloads the inbox when the link is back', async () => {
    const { fake, clock } = mount([]);
    await screen.findByText(/No handoffs waiting/);
    const since = new Date(clock.now()).toISOString();
    act(() =>
      fake.setConnection({ status: 'backoff', since, retryAt: new Date(clock.now() + 8_000).toISOString(), error: 'hub closed the connection' }),
    );
    const text = screen.getByText(/Offline since/).closest('.banner')!.textContent!;
    expect(text).toContain(`Offline since ${new Date(since).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`);
    expect(text).toContain('hub closed the connection');
    expect(text).toContain('Retrying in 0:08');
    act(() => clock.advance(3_000));
    expect(screen.getByText(/Offline since/).closest('.banner')!.textContent).toContain('Retrying in 0:05');

    // An offer queued for this agent while offline arrives with the reload.
    fake.items.set('late', makeInboxItem({ id: 'late', customerName: 'Late Larry' }));
    const listsBefore = fake.callsOf('inbox:page').length;
    act(() => fake.setConnection({ status: 'open', since: new Date(clock.now()).toISOString() }));
    expect(await screen.findByRole('article', { name: 'Late Larry' })).toBeTruthy();
    expect(fake.callsOf('inbox:page').length).toBe(listsBefore + 1);
    expect(screen.queryByText(/Offline since/)).toBeNull();
  });

  it('cycles the theme and applies it to the document', async () => {
    mount([]);
    const user = setupUser();
    await user.click(await screen.findByRole('button', { name: /^Theme: System/ }));
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.click(screen.getByRole('button', { name: /^Theme: Light/ }));
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});

describe('clean up', () => {
  it('stops dispatching pushed events and shortcuts once disposed', async () => {
    const ws = mount([]);
    await screen.findByText(/No handoffs waiting/);
    await ws.dispose();
    workspace = null;
    ws.fake.emit('offer:received', makeInboxItem({ id: 'after', customerName: 'After Dispose' }));
    fireEvent.keyDown(document, { key: '?' });
    expect(useInboxStore.getState().items).toEqual({});
    expect(useUiStore.getState().helpOpen).toBe(false);
  });
});

describe('handoffs that leave this agent', () => {
  it('drops an accepted conversation that a lead transferred away, and an offer that went back to the queue', async () => {
    const ws = mount([
      makeInboxItem({ id: 'a', customerName: 'Alpha', status: 'accepted' }),
      makeInboxItem({ id: 'b', customerName: 'Bravo', status: 'accepted' }),
      makeInboxItem({ id: 'c', customerName: 'Charlie' }),
    ]);
    await screen.findByRole('heading', { level: 2, name: 'Alpha' });
    const transferred = makeInboxItem({ id: 'a', customerName: 'Alpha', status: 'accepted' });
    transferred.handoff.status = 'transferred';
    act(() => ws.fake.emit('handoff:updated', transferred));
    expect(await screen.findByRole('heading', { level: 2, name: 'Bravo' })).toBeTruthy();
    expect(screen.getByTestId('live-announcer').textContent).toBe('The conversation with Alpha was transferred');

    // Accepted by another agent (assigned to someone else): it leaves too.
    const taken = makeInboxItem({ id: 'b', customerName: 'Bravo', status: 'accepted' });
    taken.handoff.assignedAgentId = 'agent-2';
    act(() => ws.fake.emit('handoff:updated', taken));
    expect(await screen.findByText(/No conversation open/)).toBeTruthy();

    const requeued = makeInboxItem({ id: 'c', customerName: 'Charlie', status: 'queued', expiresInSeconds: null });
    act(() => ws.fake.emit('handoff:updated', requeued));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Charlie' })).toBeNull());
    // An update about a handoff this screen never had does not add it.
    act(() => ws.fake.emit('handoff:updated', makeInboxItem({ id: 'z', customerName: 'Zed', status: 'queued', expiresInSeconds: null })));
    expect(screen.queryByRole('article', { name: 'Zed' })).toBeNull();
  });
});
