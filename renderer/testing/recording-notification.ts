// Stands in for the browser's Notification (jsdom has none), recording what was shown.
export class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static shown: RecordingNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    RecordingNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}
