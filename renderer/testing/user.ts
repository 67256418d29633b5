// user-event tuned for jsdom: the pointer-events check walks computed styles up the tree on every
// click, which jsdom makes slow and which our CSS (no pointer-events tricks) does not need.
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';

export function setupUser() {
  return userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
}
