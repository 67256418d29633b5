// What the bot learned before handing off, so the agent never asks the customer to repeat it.
import type { Conversation } from '../../shared/domain';

export function SummaryCard({ conversation }: { conversation: Conversation }) {
  return (
    <section className="card summary-card" aria-labelledby="summary-heading">
      <h3 id="summary-heading">AI summary</h3>
      <p className="summary-text">{conversation.summary}</p>
      {conversation.stepsTaken.length > 0 ? (
        <>
          <h4>Steps the bot already took</h4>
          <ol className="steps">
            {conversation.stepsTaken.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">The bot took no steps before handing off.</p>
      )}
    </section>
  );
}
