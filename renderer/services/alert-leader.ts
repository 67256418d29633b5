// With the browser host open in several tabs, every tab receives the alert policy's decisions; only
// one of them may carry out the ones that leave the page (the chime, the page Notification), or a
// handoff chimes once per tab. That tab is the holder of a Web Lock ('baton-alerts'): the browser
// grants it to one page of the origin at a time, keeps the others' requests in line, and hands it
// to the next one when the holder closes, crashes or is discarded, with no heartbeat to tune.
// The agent's last gesture moves it: a click or key press in a tab that does not hold the lock
// steals it, so the tab in use (where the browser has allowed audio) is the one that sounds.
// Every tab still shows the in-page parts: banner, title, favicon, card.
// Electron has one window and never starts this: its page always leads.

/** The part of the Web Locks API this needs (navigator.locks; a stand-in in tests). */
export interface AlertLocks {
  request(name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<void>): Promise<void>;
}

export const ALERT_LOCK = 'baton-alerts';

export interface AlertLeadership {
  /** True while this page plays the alert sounds and shows the notifications. */
  leads(): boolean;
  dispose(): void;
}

export interface AlertLeadershipOptions {
  /** The page's lock manager; navigator.locks by default. Without one the page acts alone and leads. */
  locks?: AlertLocks | null;
  /** Where the agent's clicks and key presses are heard. */
  doc?: Document;
  onChange?(leads: boolean): void;
}

let pageLeadership: AlertLeadership | null = null;

/** Whether this page carries out sounds and notifications: yes, unless another tab of the host leads. */
export function pageLeadsAlerts(): boolean {
  return pageLeadership?.leads() ?? true;
}

function browserLocks(): AlertLocks | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

export function startAlertLeadership(options: AlertLeadershipOptions = {}): AlertLeadership {
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  if (!locks) {
    // No Web Locks (an insecure origin, an old browser): nothing to elect with, every tab plays.
    const alone: AlertLeadership = {
      leads: () => true,
      dispose: () => {
        if (pageLeadership === alone) pageLeadership = null;
      },
    };
    pageLeadership = alone;
    return alone;
  }
  const doc = options.doc ?? document;
  let leading = false;
  let disposed = false;
  /** This page's one request, waiting in line or holding the lock; a newer one supersedes it. */
  let current: { abort: AbortController; release(): void } | null = null;

  const setLeading = (next: boolean) => {
    if (next === leading) return;
    leading = next;
    options.onChange?.(next);
  };

  const request = (steal: boolean) => {
    // A request still in line is withdrawn (aborting one already granted does nothing).
    current?.abort.abort();
    const mine = { abort: new AbortController(), release: () => undefined as void };
    current = mine;
    // The API refuses a signal together with steal; a steal never waits in line anyway.
    const lockOptions: LockOptions = steal ? { steal: true } : { signal: mine.abort.signal };
    locks
      .request(ALERT_LOCK, lockOptions, () => {
        // Held until this page lets go (dispose) or another tab steals it.
        if (current !== mine || disposed) return Promise.resolve();
        setLeading(true);
        return new Promise<void>((resolve) => {
          mine.release = resolve;
        });
      })
      .then(
        () => {
          if (current === mine) setLeading(false);
        },
        () => {
          // Withdrawn by this page (superseded, disposed), or stolen by another tab: then back in
          // line, to take over when the leader goes.
          if (current !== mine || disposed) return;
          setLeading(false);
          request(false);
        },
      );
  };

  const claim = () => {
    if (!leading && !disposed) request(true);
  };
  doc.addEventListener('pointerdown', claim, true);
  doc.addEventListener('keydown', claim, true);
  request(false);

  const leadership: AlertLeadership = {
    leads: () => leading,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      doc.removeEventListener('pointerdown', claim, true);
      doc.removeEventListener('keydown', claim, true);
      const last = current;
      current = null;
      last?.abort.abort();
      last?.release();
      setLeading(false);
      if (pageLeadership === leadership) pageLeadership = null;
    },
  };
  pageLeadership = leadership;
  return leadership;
}
