// The inbox list while it loads in pages: the first page of a long inbox is already the virtualized
// list (a screen of rows to lay out before the first paint, and nothing rebuilt when the second page
// lands); an inbox that turns out short is listed plainly once its last page is in.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { resetStores } from '../testing/workspace-harness';
import { windowSizedScroller } from '../testing/window-sized-scroller';
import { useInboxStore } from '../stores/inbox-store';
import { Inbox } from './inbox';

afterEach(() => {
  cleanup();
  resetStores();
});

describe('inbox loading in pages', () => {
  it('is virtualized from its first page while more pages are coming, and plain once a short inbox is complete', () => {
    windowSizedScroller();
    const items = Array.from({ length: 20 }, (_, i) => makeInboxItem({ id: `h${i}`, customerName: `Customer ${i}`, ageSeconds: 1_000 - i }));
    render(<Inbox />);
    act(() => useInboxStore.getState().inboxPageLoaded(items.slice(0, 12), { first: true, last: false }));

    let list = screen.getByRole('list', { name: 'Handoff inbox' });
    expect(list.closest('.offer-scroll')).not.toBeNull();
    const rows = within(list).getAllByRole('listitem');
    // A window of rows (900 px at 150 px each, plus overscan), not every row of the page.
    expect(rows.length).toBeLessThan(12);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('12');
    expect(within(rows[0]!).getByRole('heading').textContent).toBe('Customer 0');

    act(() => useInboxStore.getState().inboxPageLoaded(items.slice(12), { first: false, last: true }));
    list = screen.getByRole('list', { name: 'Handoff inbox' });
    expect(list.closest('.offer-scroll')).toBeNull();
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    expect(screen.getByLabelText('20 waiting')).toBeTruthy();
  });

  it('lists an inbox that fits in its first page plainly at once', () => {
    render(<Inbox />);
    act(() => useInboxStore.getState().inboxPageLoaded([makeInboxItem({ id: 'only', customerName: 'Only One' })], { first: true, last: true }));
    const list = screen.getByRole('list', { name: 'Handoff inbox' });
    expect(list.closest('.offer-scroll')).toBeNull();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });
});
