// The workspace: header, status banners, the in-app offer banner, the inbox, the open conversation
// and its context.
import { lazy, Suspense, useEffect } from 'react';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts';
import { useTheme } from '../hooks/use-theme';
import { AppHeader } from './app-header';
import { ConnectionBanner } from './connection-banner';
import { ConversationTabs } from './conversation-tabs';
import { ConversationView } from './conversation-view';
import { Inbox } from './inbox';
import { LiveAnnouncer } from './live-announcer';
import { NotificationPrompt } from './notification-prompt';
import { OfferBanner } from './offer-banner';
import { unlockAudioOnFirstGesture } from '../services/alert-sound';
import { Notices } from './notices';
import { ShortcutHelp } from './shortcut-help';
import { useSessionStore } from '../stores/session-store';
import { WhisperNotices } from '../supervisor/whisper-notices';

// Leads only: the supervisor view and its charts are a separate chunk, so an agent's window loads
// half the code before its first paint.
const SupervisorView = lazy(() => import('../supervisor/supervisor-view').then((m) => ({ default: m.SupervisorView })));

export function App({ browserHost = false }: { browserHost?: boolean }) {
  // Browsers allow sound only after the page was used once; the first click or key unlocks it.
  useEffect(() => unlockAudioOnFirstGesture(), []);
  // The hub's welcome decides the role; leads get the supervisor view (issue 7).
  const isLead = useSessionStore((s) => (s.session?.agent?.role ?? s.session?.role) === 'supervisor');
  return isLead ? (
    <Suspense fallback={<p className="app-loading" role="status">Loading the supervisor view…</p>}>
      <SupervisorView />
    </Suspense>
  ) : (
    <Workspace browserHost={browserHost} />
  );
}

function Workspace({ browserHost }: { browserHost: boolean }) {
  useTheme();
  useKeyboardShortcuts();
  return (
    <div className="app">
      <AppHeader />
      <ConnectionBanner />
      <OfferBanner />
      {browserHost ? <NotificationPrompt /> : null}
      <Notices />
      <WhisperNotices />
      <main className="workspace">
        <Inbox />
        <div className="conversation-area">
          <ConversationTabs />
          <div className="conversation-columns">
            <ConversationView />
          </div>
        </div>
      </main>
      <ShortcutHelp />
      <LiveAnnouncer />
    </div>
  );
}
