// Asks once, politely, whether to show notifications for new handoffs while the tab is hidden.
// Shown only in the browser host, only while the browser has not been asked.
import { useState } from 'react';
import { rememberAsked, requestNotificationPermission, shouldOfferNotifications } from '../services/browser-notifications';

export function NotificationPrompt() {
  const [visible, setVisible] = useState(shouldOfferNotifications);
  if (!visible) return null;
  return (
    <div className="banner banner-info" role="region" aria-label="Notifications">
      <span>Get a notification when a handoff arrives while this tab is in the background?</span>
      <button
        type="button"
        className="button button-primary"
        onClick={() => {
          setVisible(false);
          void requestNotificationPermission();
        }}
      >
        Turn on notifications
      </button>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => {
          rememberAsked();
          setVisible(false);
        }}
      >
        Not now
      </button>
    </div>
  );
}
