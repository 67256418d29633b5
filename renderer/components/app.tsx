// The workspace: header, status banners, the inbox, the open conversation and its context.
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts';
import { useTheme } from '../hooks/use-theme';
import { AppHeader } from './app-header';
import { ConnectionBanner } from './connection-banner';
import { ConversationTabs } from './conversation-tabs';
import { ConversationView } from './conversation-view';
import { Inbox } from './inbox';
import { LiveAnnouncer } from './live-announcer';
import { NotificationPrompt } from './notification-prompt';
import { Notices } from './notices';
import { ShortcutHelp } from './shortcut-help';
import { useSessionStore } from '../stores/session-store';
import { SupervisorView } from '../supervisor/supervisor-view';
import { WhisperNotices } from '../supervisor/whisper-notices';

export function App({ browserHost = false }: { browserHost?: boolean }) {
  // The hub's welcome decides the role; leads get the supervisor view (issue 7).
  const isLead = useSessionStore((s) => (s.session?.agent?.role ?? s.session?.role) === 'supervisor');
  return isLead ? <SupervisorView /> : <Workspace browserHost={browserHost} />;
}

function Workspace({ browserHost }: { browserHost: boolean }) {
  useTheme();
  useKeyboardShortcuts();
  return (
    <div className="app">
      <AppHeader />
      <ConnectionBanner />
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
