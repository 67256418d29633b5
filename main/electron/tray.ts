// The tray: its tooltip and the app badge show how many offers are waiting; its menu opens the
// window or quits. The count comes from the inbox; this file only draws it.
import { app, Menu, Tray } from 'electron';
import { toDisposable, type Disposable } from '../../shared/lifecycle';
import { trayIcon } from './tray-icon';

export interface BatonTray extends Disposable {
  setWaitingOffers(count: number): void;
}

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
  const disposable = toDisposable(() => tray.destroy());
  return { setWaitingOffers: render, dispose: () => disposable.dispose() };
}
