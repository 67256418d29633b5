// The conversation on screen: header with who and how urgent, the AI summary on top, the live
// transcript, and the composer (or the resolve panel). The context column beside it holds why it
// was escalated and the customer record.
import { useEffect, useState } from 'react';
import { loadDraft, loadIntelligence } from '../services/baton-client';
import { useInboxStore } from '../stores/inbox-store';
import { selectItem } from '../stores/inbox-selectors';
import { useConversationStore } from '../stores/conversation-store';
import { selectActiveHandoffId, selectConversationError } from '../stores/conversation-selectors';
import { CHANNEL_LABELS } from '../format/labels';
import type { Handoff } from '../../shared/domain';
import { PriorityBadge, TierBadge } from './badges';
import { SlaTimer } from './countdown';
import { SummaryCard } from './summary-card';
import { Transcript } from './transcript';
import { Composer } from './composer';
import { ResolvePanel } from './resolve-panel';
import { TransferPanel } from './transfer-panel';
import { EscalationCard } from './escalation-card';
import { CustomerPanel } from './customer-panel';
import { MoodTrendBadge } from './mood-trend';
import { NotesPanel } from './notes-panel';

export function ConversationView() {
  const activeId = useConversationStore(selectActiveHandoffId);
  const item = useInboxStore(selectItem(activeId));
  if (!activeId || !item || item.handoff.status !== 'accepted') {
    return (
      <section className="conversation conversation-empty" aria-label="Conversation">
        <p className="empty">No conversation open. Accept a handoff from the inbox to start helping a customer.</p>
      </section>
    );
  }
  // Keyed by handoff so local state (the resolve panel) never leaks from one conversation to the next.
  return <OpenConversation key={activeId} handoff={item.handoff} />;
}

function OpenConversation({ handoff }: { handoff: Handoff }) {
  // At most one of the closing panels (resolve, transfer) replaces the composer.
  const [closing, setClosing] = useState<'resolve' | 'transfer' | null>(null);
  const error = useConversationStore(selectConversationError(handoff.id));
  const { customer, conversation } = handoff;
  useEffect(() => {
    void loadIntelligence(handoff.id);
    void loadDraft(handoff.id);
  }, [handoff.id]);
  return (
    <>
      <section className="conversation" aria-labelledby="conversation-heading">
        <header className="conversation-header">
          <div className="conversation-title">
            <h2 id="conversation-heading">{customer.name}</h2>
            <TierBadge tier={customer.tier} />
            <PriorityBadge priority={handoff.priority} />
          </div>
          <div className="conversation-facts">
            <span>{CHANNEL_LABELS[conversation.channel]}</span>
            <span>{conversation.language.toUpperCase()}</span>
            <span>Queue: {handoff.queue}</span>
            <SlaTimer deadline={handoff.slaDeadline} />
            <MoodTrendBadge handoffId={handoff.id} />
          </div>
          {closing === null ? (
            <div className="conversation-actions">
              <button type="button" className="button" onClick={() => setClosing('transfer')}>
                Transfer
              </button>
              <button type="button" className="button" onClick={() => setClosing('resolve')}>
                Resolve
              </button>
            </div>
          ) : null}
        </header>
        <SummaryCard conversation={conversation} />
        <Transcript handoffId={handoff.id} messages={conversation.messages} />
        {closing !== null ? (
          <>
            {error ? (
              <p className="form-error" role="alert">
                {error}
              </p>
            ) : null}
            {closing === 'resolve' ? (
              <ResolvePanel handoffId={handoff.id} onCancel={() => setClosing(null)} />
            ) : (
              <TransferPanel handoffId={handoff.id} currentQueue={handoff.queue} onCancel={() => setClosing(null)} />
            )}
          </>
        ) : (
          <Composer handoffId={handoff.id} customerName={customer.name} />
        )}
      </section>
      <div className="context-column">
        <EscalationCard handoff={handoff} />
        <CustomerPanel customer={customer} />
        <NotesPanel handoffId={handoff.id} customerId={customer.id} customerName={customer.name} />
      </div>
    </>
  );
}
