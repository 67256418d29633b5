// jsdom has no layout: gives the inbox's scrolling list (.offer-scroll) the size a window would
// have, so the virtualizer renders rows, for the rest of the current test.
import { onTestFinished, vi } from 'vitest';

export function windowSizedScroller(): void {
  const height = vi.spyOn(Element.prototype, 'clientHeight', 'get').mockImplementation(function (this: Element) {
    return this.classList.contains('offer-scroll') ? 900 : 0;
  });
  const width = vi.spyOn(Element.prototype, 'clientWidth', 'get').mockImplementation(function (this: Element) {
    return this.classList.contains('offer-scroll') ? 360 : 0;
  });
  onTestFinished(() => {
    height.mockRestore();
    width.mockRestore();
  });
}
