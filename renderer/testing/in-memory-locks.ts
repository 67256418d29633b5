// The Web Locks API as one browser gives it to several pages of an origin, for jsdom (which has no
// navigator.locks): exclusive locks by name, requests granted in order, `signal` withdraws a waiting
// request, `steal` takes a held lock at once (the holder's request rejects with AbortError), and a
// page that closes lets go of what it held and waited for. Real Chromium runs the real API in
// e2e/alert-tabs.e2e.ts.
import type { AlertLocks } from '../services/alert-leader';

type Waiting = {
  page: LockPage;
  name: string;
  callback: (lock: Lock | null) => Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
};

export class InMemoryLocks {
  private readonly held = new Map<string, Waiting>();
  private readonly queue: Waiting[] = [];

  page(): LockPage {
    return new LockPage(this);
  }

  /** The page holding the lock, if any. */
  holder(name: string): LockPage | null {
    return this.held.get(name)?.page ?? null;
  }

  request(page: LockPage, name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<void>): Promise<void> {
    if (page.closed) return Promise.reject(new DOMException('the page is closed', 'InvalidStateError'));
    if (options.steal && options.signal) return Promise.reject(new DOMException('steal and signal together', 'NotSupportedError'));
    if (options.signal?.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
    return new Promise<void>((resolve, reject) => {
      const request: Waiting = { page, name, callback, resolve, reject };
      if (options.steal) {
        const holder = this.held.get(name);
        this.held.delete(name);
        holder?.reject(new DOMException('the lock was stolen', 'AbortError'));
        this.grant(request);
        return;
      }
      options.signal?.addEventListener('abort', () => {
        const index = this.queue.indexOf(request);
        if (index < 0) return; // already granted: aborting does nothing
        this.queue.splice(index, 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
      this.queue.push(request);
      this.grantNext(name);
    });
  }

  /** A page going away: its waiting requests vanish and its locks are released. */
  closed(page: LockPage): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.page === page) this.queue.splice(i, 1);
    for (const [name, holder] of [...this.held]) {
      if (holder.page !== page) continue;
      this.held.delete(name);
      this.grantNext(name);
    }
  }

  private grantNext(name: string): void {
    if (this.held.has(name)) return;
    const index = this.queue.findIndex((r) => r.name === name);
    if (index < 0) return;
    const [next] = this.queue.splice(index, 1);
    this.grant(next!);
  }

  private grant(request: Waiting): void {
    this.held.set(request.name, request);
    const lock = { name: request.name, mode: 'exclusive' } as Lock;
    void Promise.resolve()
      .then(() => request.callback(lock))
      .then(
        () => this.release(request, () => request.resolve()),
        (error: unknown) => this.release(request, () => request.reject(error)),
      );
  }

  private release(request: Waiting, settle: () => void): void {
    // A stolen request was settled when it was stolen; its callback finishing changes nothing.
    if (this.held.get(request.name) !== request) return;
    this.held.delete(request.name);
    settle();
    this.grantNext(request.name);
  }
}

export class LockPage implements AlertLocks {
  closed = false;
  constructor(private readonly browser: InMemoryLocks) {}

  request(name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<void>): Promise<void> {
    return this.browser.request(this, name, options, callback);
  }

  close(): void {
    this.closed = true;
    this.browser.closed(this);
  }
}
