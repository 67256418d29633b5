// Carries out the alert policy's decisions (main/services/alerts) with Electron: OS notifications
// with Accept and Decline, taskbar flash / urgency hint / critical dock bounce, the badge. What
// the shell owns elsewhere (sound in the renderer, the tray image, the always-on-top card window,
// hub frames) comes in as callbacks. No decisions here: every "whether" lives in the policy.
// Type-checked only (the Electron binary is absent here).
import { app, Notification, type BrowserWindow } from 'electron';
import type { AlertAction, AlertSound } from '../services/alerts/alert-policy';

export interface AlertShell {
  mainWindow(): BrowserWindow | null;
  playSound(sound: AlertSound): void;
  setTrayBlink(on: boolean): void;
  showBanner(handoffId: string, visible: boolean): void;
  showHandoffCard(handoffId: string, visible: boolean): void;
  /** The agent clicked a notification: focus the window on that handoff (and report "seen"). */
  openHandoff(handoffId: string, via: 'notification'): void;
  /** The lead clicked a lead-alert notification: bring the supervisor view forward. */
  openLead(handoffId: string | undefined): void;
  accept(handoffId: string): void;
  decline(handoffId: string): void;
  pageLead(handoffId: string, reason: string): void;
  sendReceipt(handoffId: string, stage: 'delivered' | 'alerted' | 'seen', detail?: string): void;
}

export function createAlertExecutor(shell: AlertShell): { run(actions: AlertAction[]): void; dispose(): void } {
  const notifications = new Map<string, Notification>();
  let bounceId: number | null = null;

  const close = (tag: string) => {
    notifications.get(tag)?.close();
    notifications.delete(tag);
  };

  const run = (action: AlertAction): void => {
    switch (action.type) {
      case 'play-sound':
        shell.playSound(action.sound);
        return;
      case 'show-notification': {
        if (!Notification.isSupported()) return;
        close(action.tag);
        const notification = new Notification({
          title: action.title,
          body: action.body,
          silent: action.silent,
          urgency: action.urgency,
          timeoutType: action.urgency === 'critical' ? 'never' : 'default',
          actions: action.actions.map((name) => ({ type: 'button' as const, text: name === 'accept' ? 'Accept' : 'Decline' })),
        });
        notification.on('click', () => shell.openHandoff(action.handoffId, 'notification'));
        notification.on('action', (_event, index) => {
          const chosen = action.actions[index];
          if (chosen === 'accept') shell.accept(action.handoffId);
          if (chosen === 'decline') shell.decline(action.handoffId);
        });
        notification.on('close', () => {
          if (notifications.get(action.tag) === notification) notifications.delete(action.tag);
        });
        notifications.set(action.tag, notification);
        notification.show();
        return;
      }
      case 'show-lead-notification': {
        if (!Notification.isSupported()) return;
        close(action.tag);
        const notification = new Notification({ title: action.title, body: action.body, urgency: action.urgency });
        notification.on('click', () => shell.openLead(action.handoffId));
        notification.on('close', () => {
          if (notifications.get(action.tag) === notification) notifications.delete(action.tag);
        });
        notifications.set(action.tag, notification);
        notification.show();
        return;
      }
      case 'close-notification':
        close(action.tag);
        return;
      case 'show-banner':
      case 'hide-banner':
        shell.showBanner(action.handoffId, action.type === 'show-banner');
        return;
      case 'request-attention': {
        // Windows: flashing taskbar button; Linux: the urgency hint; macOS: a critical dock bounce.
        const window = shell.mainWindow();
        if (window && !window.isDestroyed()) window.flashFrame(true);
        if (process.platform === 'darwin' && app.dock && bounceId === null) bounceId = app.dock.bounce('critical');
        return;
      }
      case 'cancel-attention': {
        const window = shell.mainWindow();
        if (window && !window.isDestroyed()) window.flashFrame(false);
        if (bounceId !== null && app.dock) app.dock.cancelBounce(bounceId);
        bounceId = null;
        return;
      }
      case 'tray-blink':
        shell.setTrayBlink(action.on);
        return;
      case 'show-handoff-card':
      case 'hide-handoff-card':
        shell.showHandoffCard(action.handoffId, action.type === 'show-handoff-card');
        return;
      case 'page-lead':
        shell.pageLead(action.handoffId, action.reason);
        return;
      case 'set-badge':
        app.setBadgeCount(action.count);
        return;
      case 'receipt':
        shell.sendReceipt(action.handoffId, action.stage, action.detail);
        return;
    }
  };

  return {
    run: (actions) => {
      for (const action of actions) run(action);
    },
    dispose: () => {
      for (const tag of [...notifications.keys()]) close(tag);
    },
  };
}
