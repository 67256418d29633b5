// The in-app banner across the top of the workspace: an offer that arrives while the agent is
// looking (window visible and focused, so no OS notification is due) is shown here with Accept,
// Decline and View, and announced through the live region. It goes away by itself once the offer
// is accepted, declined, withdrawn or timed out. Electron's alert policy can show it as well
// (alerts:banner); both land in the same list in the ui store.
import { useEffect } from 'react';
import { TRIGGER_LABELS } from '../../shared/domain';
import type { InboxItem } from '../../shared/api';
import { acceptHandoff } from '../services/baton-client';
import { pageInView } from '../services/browser-notifications';
import { useInboxStore } from '../stores/inbox-store';
import { useUiStore } from '../stores/ui-store';
import { selectBannerIds } from '../stores/ui-selectors';
import { PriorityBadge } from './badges';
import './offer-banner.css';

function reasonOf(item: InboxItem): string {
  const h = item.handoff;
  return `${TRIGGER_LABELS[h.trigger]}${h.triggerDetail ? `: ${h.triggerDetail}` : ''}`;
}

/** Puts offers that arrive while the agent is looking into the banner (not those of the first load). */
export function startOfferBanners(doc: Document = document): () => void {
  return useInboxStore.subscribe((state, previous) => {
    if (state.items === previous.items || !previous.loaded || !pageInView(doc)) return;
    for (const item of Object.values(state.items)) {
      const h = item.handoff;
      if (previous.items[h.id] || h.status !== 'offered') continue;
      useUiStore.getState().offerBannered(h.id);
      const text = `New handoff from ${h.customer.name}, ${h.priority}: ${reasonOf(item)}. Accept, Decline or View it from the banner at the top.`;
      // After the client's own "New handoff" announcement for the same event, which this one extends.
      queueMicrotask(() => useUiStore.getState().announced(text));
    }
  });
}

function rowOf(handoffId: string): HTMLElement | null {
  return [...document.querySelectorAll<HTMLElement>('[data-handoff-id]')].find((el) => el.dataset.handoffId === handoffId) ?? null;
}

function view(handoffId: string): void {
  useInboxStore.getState().offerSelected(handoffId);
  const row = rowOf(handoffId);
  row?.scrollIntoView?.({ block: 'nearest' });
  row?.focus();
}

export function OfferBanner() {
  useEffect(() => startOfferBanners(), []);
  const ids = useUiStore(selectBannerIds);
  const items = useInboxStore((s) => s.items);
  const waiting = ids.filter((id) => items[id]?.handoff.status === 'offered');
  const stale = ids.filter((id) => !waiting.includes(id)).join(' ');

  // Accepted, declined, withdrawn or timed out: the offer leaves the banner.
  useEffect(() => {
    for (const id of stale.split(' ').filter(Boolean)) useUiStore.getState().bannerDismissed(id);
  }, [stale]);

  const newestId = waiting[waiting.length - 1];
  const item = newestId ? items[newestId] : undefined;
  if (!newestId || !item) return null;
  const h = item.handoff;
  const more = waiting.length - 1;
  return (
    <section className={`banner offer-banner offer-banner-${h.priority.toLowerCase()}`} aria-label="New handoff" data-testid="offer-banner">
      <span className="offer-banner-text">
        <strong>New handoff:</strong> {h.customer.name} <PriorityBadge priority={h.priority} /> <span className="offer-banner-reason">{reasonOf(item)}</span>
        {more > 0 ? <span className="offer-banner-more"> and {more} more waiting</span> : null}
      </span>
      <span className="offer-banner-actions">
        <button type="button" className="button button-primary" aria-label={`Accept the handoff from ${h.customer.name}`} onClick={() => void acceptHandoff(newestId)}>
          Accept
        </button>
        <button
          type="button"
          className="button"
          aria-label={`Decline the handoff from ${h.customer.name}`}
          onClick={() => {
            view(newestId);
            // The row's decline form asks for the reason (and takes the focus).
            useUiStore.getState().declineOpened(newestId);
          }}
        >
          Decline
        </button>
        <button type="button" className="button" aria-label={`View the handoff from ${h.customer.name} in the inbox`} onClick={() => view(newestId)}>
          View
        </button>
        <button type="button" className="button button-quiet" aria-label="Dismiss this banner" onClick={() => useUiStore.getState().bannerDismissed(newestId)}>
          ×
        </button>
      </span>
    </section>
  );
}
