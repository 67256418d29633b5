// Why this handoff reached a person, as structured fields: the trigger, the rules that fired and
// the bot's own state (intents, collected data, confidence, failed attempts).
import { TRIGGER_LABELS, type Handoff } from '../../shared/domain';
import { MoodMarker } from './badges';

export function EscalationCard({ handoff }: { handoff: Handoff }) {
  const c = handoff.conversation;
  const collected = Object.entries(c.collectedData);
  return (
    <section className="card escalation-card" aria-labelledby="escalation-heading">
      <h3 id="escalation-heading">Why this was escalated</h3>
      <dl className="fields">
        <dt>Trigger</dt>
        <dd>
          {TRIGGER_LABELS[handoff.trigger]}
          {handoff.triggerDetail ? <span className="detail"> — {handoff.triggerDetail}</span> : null}
        </dd>
        <dt>Rules that fired</dt>
        <dd>
          {handoff.rules.length > 0 ? (
            <ul className="rules">
              {handoff.rules.map((rule) => (
                <li key={rule.ruleId}>
                  <code>{rule.ruleId}</code> {rule.reason}
                </li>
              ))}
            </ul>
          ) : (
            'None recorded'
          )}
        </dd>
        {handoff.sentimentAtHandoff ? (
          <>
            <dt>Mood at handoff</dt>
            <dd>
              <MoodMarker sentiment={handoff.sentimentAtHandoff} />
            </dd>
          </>
        ) : null}
        <dt>Bot&apos;s recent intents</dt>
        <dd>
          {c.recentIntents.length > 0 ? (
            <ul className="chips">
              {c.recentIntents.map((intent, i) => (
                <li key={i} className="chip">
                  {intent}
                </li>
              ))}
            </ul>
          ) : (
            (c.intent ?? 'Not recorded')
          )}
        </dd>
        <dt>Collected data</dt>
        <dd>
          {collected.length > 0 ? (
            <dl className="collected">
              {collected.map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            'None'
          )}
        </dd>
        <dt>Bot confidence</dt>
        <dd>{c.botConfidence === undefined ? 'Not reported' : `${Math.round(c.botConfidence * 100)}%`}</dd>
        <dt>Failed attempts</dt>
        <dd>{c.failedAttempts}</dd>
      </dl>
    </section>
  );
}
