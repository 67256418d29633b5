// The handoff inbox: offers in priority-then-age order. Short lists render plainly; long ones are
// virtualized (only the rows in view exist in the DOM), so thousands of queued handoffs scroll
// smoothly. The keyboard cursor (j/k) is kept in the store; this list scrolls it into view.
import { useCallback, useEffect, useRef } from 'react';
import { elementScroll, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useInboxStore } from '../stores/inbox-store';
import { selectInboxLoaded, selectOfferIds, selectSelectedOfferId } from '../stores/inbox-selectors';
import { useUiStore } from '../stores/ui-store';
import { selectDecliningId } from '../stores/ui-selectors';
import { OfferRow } from './offer-row';

/** Above this many offers the list is virtualized. */
export const VIRTUALIZE_FROM = 40;
/**
 * Virtualized rows have a fixed height (the CSS keeps each row's content on one line per field),
 * so scrolling never measures the DOM; the row with the decline form open is taller.
 */
const ROW_PX = 150;
const DECLINING_ROW_PX = 290;

/**
 * The virtualizer's own observer reads the list's size the moment it mounts, which forces a layout
 * of the whole page inside the task that renders the inbox's first page (about half of that task).
 * A ResizeObserver's first report comes right after the browser's own layout of the frame instead,
 * and `initialRect` stands in until then. Where there is no ResizeObserver (jsdom), the library's.
 */
const observeRectAfterLayout: typeof observeElementRect = (instance, onRect) => {
  const element = instance.scrollElement;
  const Observer = instance.targetWindow?.ResizeObserver;
  if (!element || !Observer) return observeElementRect(instance, onRect);
  const observer = new Observer(() => onRect({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.unobserve(element);
};

/** Scroll elements the virtualizer has scrolled (or found) at least once. */
const scrolled = new WeakSet<Element>();

/**
 * On mount the virtualizer scrolls the list to its initial offset, 0: a new list is there already,
 * and `scrollTo` would force the same whole-page layout as above. Every later scroll is carried out.
 */
const scrollUnlessFresh: typeof elementScroll = (offset, options, instance) => {
  const element = instance.scrollElement;
  if (element && !scrolled.has(element)) {
    scrolled.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
};

export function Inbox() {
  const ids = useInboxStore(selectOfferIds);
  const loaded = useInboxStore(selectInboxLoaded);
  return (
    <section className="inbox" aria-labelledby="inbox-heading">
      <div className="pane-heading">
        <h2 id="inbox-heading">Inbox</h2>
        <span className="count" aria-label={`${ids.length} waiting`}>
          {ids.length}
        </span>
      </div>
      {/* While more pages are coming the list may grow long: virtualized from its first rows, so the
          first paint lays out a screen of rows and the list is not rebuilt when the second page lands. */}
      {ids.length >= VIRTUALIZE_FROM || (!loaded && ids.length > 0) ? <VirtualOfferList ids={ids} /> : <PlainOfferList ids={ids} />}
      {ids.length === 0 ? (
        <p className="empty">{loaded ? 'No handoffs waiting. New ones appear here as they arrive.' : 'Loading your inbox…'}</p>
      ) : null}
    </section>
  );
}

function useFocusSelected(container: React.RefObject<HTMLElement | null>) {
  const selectedId = useInboxStore(selectSelectedOfferId);
  useEffect(() => {
    if (!selectedId || !container.current) return;
    const row = [...container.current.querySelectorAll<HTMLElement>('[data-handoff-id]')].find((el) => el.dataset.handoffId === selectedId);
    // Follow the cursor with focus only when the person is navigating the inbox, not typing elsewhere.
    const active = document.activeElement;
    if (row && (active === document.body || active === null || container.current.contains(active))) {
      row.focus({ preventScroll: false });
    }
  }, [selectedId, container]);
}

function PlainOfferList({ ids }: { ids: string[] }) {
  const ref = useRef<HTMLUListElement>(null);
  useFocusSelected(ref);
  return (
    <ul ref={ref} role="list" aria-label="Handoff inbox" className="offer-list">
      {ids.map((id) => (
        <li key={id}>
          <OfferRow handoffId={id} />
        </li>
      ))}
    </ul>
  );
}

function VirtualOfferList({ ids }: { ids: string[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectedId = useInboxStore(selectSelectedOfferId);
  const decliningId = useUiStore(selectDecliningId);
  // Stable option functions: a new one per render would make the virtualizer redo its measurements.
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback((index: number) => (ids[index] === decliningId ? DECLINING_ROW_PX : ROW_PX), [ids, decliningId]);
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: 2,
    observeElementRect: observeRectAfterLayout,
    scrollToFn: scrollUnlessFresh,
    // jsdom and the first paint have no layout yet: assume a window-sized viewport.
    initialRect: { width: 360, height: 900 },
  });

  useEffect(() => {
    virtualizer.measure();
  }, [decliningId, virtualizer]);

  useEffect(() => {
    if (!selectedId) return;
    const index = ids.indexOf(selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, ids, virtualizer]);
  useFocusSelected(scrollRef);

  return (
    <div ref={scrollRef} className="offer-scroll">
      <div role="list" aria-label="Handoff inbox" className="offer-list offer-list-virtual" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            role="listitem"
            aria-setsize={ids.length}
            aria-posinset={row.index + 1}
            className="offer-slot"
            style={{ transform: `translateY(${row.start}px)`, height: row.size }}
          >
            <OfferRow handoffId={ids[row.index]!} />
          </div>
        ))}
      </div>
    </div>
  );
}
