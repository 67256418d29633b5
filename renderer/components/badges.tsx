// Small labels used across the screen: tier, priority, mood. Colour is never the only signal:
// each badge carries its text.
import type { Priority, Sentiment, Tier } from '../../shared/domain';
import { MOOD_LABELS, TIER_LABELS } from '../format/labels';

export function TierBadge({ tier }: { tier: Tier }) {
  return <span className={`badge badge-tier badge-tier-${tier}`}>{TIER_LABELS[tier]}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`badge badge-priority badge-${priority.toLowerCase()}`} title={`Priority ${priority}`}>
      {priority}
    </span>
  );
}

/** A mood marker: shown only where a sentiment exists; never guessed. */
export function MoodMarker({ sentiment }: { sentiment: Sentiment }) {
  const label = MOOD_LABELS[sentiment.label];
  return (
    <span className={`mood mood-${sentiment.label}`} title={`Mood: ${label} (${sentiment.score.toFixed(2)}, from ${sentiment.source})`}>
      <span className="mood-dot" aria-hidden="true" />
      <span className="mood-text">{label}</span>
    </span>
  );
}
