// The tray: its tooltip and the app badge show how many offers are waiting; its menu opens the
// window or quits. The count comes from the inbox; this file only draws it.
import { app, Menu, nativeImage, Tray } from 'electron';
import { toDisposable, type Disposable } from '../../shared/lifecycle';
import { trayIcon } from './tray-icon';

export interface BatonTray extends Disposable {
  setWaitingOffers(count: number): void;
  /** Blinks the icon while an offer waits unseen (the alert ladder's second step). */
  setBlink(on: boolean): void;
}

const BLINK_MS = 600;

export function trayTooltip(count: number): string {
  if (count === 0) return 'Baton: no handoffs waiting';
  return `Baton: ${count} handoff${count === 1 ? '' : 's'} waiting`;
}

export function createTray(actions: { open(): void; quit(): void }): BatonTray {
  const tray = new Tray(trayIcon());
  tray.on('click', () => actions.open());
  const render = (count: number) => {
    tray.setToolTip(trayTooltip(count));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Baton', click: () => actions.open() },
        { label: trayTooltip(count).replace('Baton: ', ''), enabled: false },
        { type: 'separator' },
        { label: 'Quit Baton', click: () => actions.quit() },
      ]),
    );
    // Badges exist on macOS and some Linux desktops; elsewhere this is a no-op.
    app.setBadgeCount(count);
  };
  render(0);
  const icon = trayIcon();
  let blink: ReturnType<typeof setInterval> | null = null;
  const setBlink = (on: boolean) => {
    if (blink) clearInterval(blink);
    blink = null;
    tray.setImage(icon);
    if (!on) return;
    let lit = true;
    blink = setInterval(() => {
      lit = !lit;
      tray.setImage(lit ? icon : nativeImage.createEmpty());
    }, BLINK_MS);
  };
  const disposable = toDisposable(() => {
    setBlink(false);
    tray.destroy();
  });
  return { setWaitingOffers: render, setBlink, dispose: () => disposable.dispose() };
}
