// The supervisor view (issue 7): live operations (alerts, queues, handoffs with their path and
// predicted breach, the agents grid, raised hands and broadcast) and the reports that tune the rules.
import { useEffect } from 'react';
import { AppHeader } from '../components/app-header';
import { ConnectionBanner } from '../components/connection-banner';
import { LiveAnnouncer } from '../components/live-announcer';
import { Notices } from '../components/notices';
import { useTheme } from '../hooks/use-theme';
import { AgentsGrid } from './agents-grid';
import { HandoffBoard } from './handoff-board';
import { LiveAlerts } from './live-alerts';
import { QueuesPanel } from './queues-panel';
import { ReportsPanel } from './reports-panel';
import { loadSnapshot } from './supervisor-client';
import { useSupervisorStore, type SupervisorTab } from './supervisor-store';
import { TeamMessages } from './team-messages';
import './supervisor.css';

const TABS: { id: SupervisorTab; label: string }[] = [
  { id: 'live', label: 'Live' },
  { id: 'reports', label: 'Reports' },
];

export function SupervisorView() {
  useTheme();
  const tab = useSupervisorStore((s) => s.tab);
  useEffect(() => {
    void loadSnapshot();
  }, []);
  return (
    <div className="app supervisor">
      <AppHeader />
      <ConnectionBanner />
      <Notices />
      <nav className="supervisor-tabs" aria-label="Supervisor view">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            className={`tab ${tab === t.id ? 'tab-active' : ''}`}
            aria-pressed={tab === t.id}
            onClick={() => useSupervisorStore.getState().tabChosen(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <main className="supervisor-main">{tab === 'live' ? <LiveOperations /> : <ReportsPanel />}</main>
      <LiveAnnouncer />
    </div>
  );
}

function LiveOperations() {
  const loaded = useSupervisorStore((s) => s.snapshot !== null);
  if (!loaded) return <p className="empty">Loading the live view…</p>;
  return (
    <div className="supervisor-live">
      <LiveAlerts />
      <div className="supervisor-columns">
        <div className="supervisor-column">
          <QueuesPanel />
          <HandoffBoard />
        </div>
        <div className="supervisor-column">
          <AgentsGrid />
          <TeamMessages />
        </div>
      </div>
    </div>
  );
}
