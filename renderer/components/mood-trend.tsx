// The customer's mood over the conversation, from the on-device sentiment model: where it stands
// and whether it is getting worse. Shown only when there are scored messages.
import type { SentimentLabel } from '../../shared/domain';
import { MOOD_LABELS } from '../format/labels';
import { useIntelligenceStore } from '../stores/intelligence-store';
import { selectTrend } from '../stores/intelligence-selectors';

function labelFor(score: number): SentimentLabel {
  if (score <= -0.25) return 'negative';
  if (score >= 0.25) return 'positive';
  return 'neutral';
}

export function MoodTrendBadge({ handoffId }: { handoffId: string }) {
  const trend = useIntelligenceStore(selectTrend(handoffId));
  const sentiment = useIntelligenceStore((s) => s.status?.sentiment);
  if (sentiment?.state === 'unavailable') {
    return (
      <span className="mood mood-unavailable" role="status">
        Mood unavailable{sentiment.reason ? `: ${sentiment.reason}` : ''}
      </span>
    );
  }
  if (!trend || trend.points.length === 0 || trend.average === null) return null;
  const label = labelFor(trend.average);
  const direction = trend.falling ? 'getting worse' : trend.slope > 0.05 ? 'improving' : 'steady';
  return (
    <span
      className={`mood mood-${label}${trend.falling ? ' mood-falling' : ''}`}
      title={`Average ${trend.average.toFixed(2)} over ${trend.points.length} messages`}
    >
      <span className="mood-dot" aria-hidden="true" />
      <span className="mood-text">
        Mood: {MOOD_LABELS[label]}, {direction}
      </span>
      <span className="mood-spark" aria-hidden="true">
        {trend.points.slice(-12).map((p) => (
          <span key={p.messageId} className={`spark spark-${p.sentiment.label}`} style={{ height: `${Math.round(4 + ((p.sentiment.score + 1) / 2) * 12)}px` }} />
        ))}
      </span>
    </span>
  );
}
