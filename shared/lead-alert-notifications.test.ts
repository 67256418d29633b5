import { describe, expect, it } from 'vitest';
import type { SupervisorLiveAlert } from './supervision';
import { decideLeadNotifications, leadNotificationTag } from './lead-alert-notifications';

const alert = (id: string, kind: SupervisorLiveAlert['kind'], handoffId?: string): SupervisorLiveAlert => ({
  id,
  kind,
  message: `${kind} on ${id}`,
  since: '2026-01-01T00:00:00.000Z',
  ...(handoffId ? { handoffId } : {}),
});
const loud = () => false;

describe('lead alert notifications', () => {
  it('notifies a breach, a falling mood and a queue nobody can take once each, not predictions or raised hands', () => {
    const alerts = [
      alert('b', 'sla_breached', 'h1'),
      alert('m', 'falling_mood', 'h2'),
      alert('q', 'no_eligible_agent'),
      alert('p', 'sla_breach_predicted', 'h3'),
      alert('r', 'raised_hand'),
    ];
    const first = decideLeadNotifications({ alerts, notified: new Set(), inView: false, quiet: loud });
    expect(first.show).toEqual([
      { tag: 'lead:b', title: 'SLA breached', body: 'sla_breached on b', urgency: 'critical', handoffId: 'h1' },
      { tag: 'lead:m', title: 'Mood falling fast', body: 'falling_mood on m', urgency: 'normal', handoffId: 'h2' },
      { tag: 'lead:q', title: 'No eligible agent', body: 'no_eligible_agent on q', urgency: 'normal' },
    ]);
    const again = decideLeadNotifications({ alerts, notified: first.notified, inView: false, quiet: loud });
    expect(again.show).toEqual([]);
    expect(again.close).toEqual([]);
  });

  it('stays quiet while the lead looks at the app and does not pop that alert up later', () => {
    const alerts = [alert('b', 'sla_breached')];
    const seen = decideLeadNotifications({ alerts, notified: new Set(), inView: true, quiet: loud });
    expect(seen.show).toEqual([]);
    expect(decideLeadNotifications({ alerts, notified: seen.notified, inView: false, quiet: loud }).show).toEqual([]);
  });

  it('respects do-not-disturb per kind and closes notifications whose condition ended', () => {
    const alerts = [alert('b', 'sla_breached'), alert('m', 'falling_mood')];
    const first = decideLeadNotifications({ alerts, notified: new Set(), inView: false, quiet: (kind) => kind !== 'sla_breached' });
    expect(first.show.map((n) => n.tag)).toEqual(['lead:b']);
    const ended = decideLeadNotifications({ alerts: [alert('m', 'falling_mood')], notified: first.notified, inView: false, quiet: loud });
    expect(ended.close).toEqual([leadNotificationTag('b')]);
    expect([...ended.notified]).toEqual(['m']);
  });
});
