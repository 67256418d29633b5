// Selectors for the intelligence store.
import type { Sentiment } from '../../shared/domain';
import type { MoodTrend, ReplySuggestion } from '../../shared/intelligence';
import type { IntelligenceState } from './intelligence-store';

const NONE: ReplySuggestion[] = [];

export const selectSuggestions = (handoffId: string) => (s: IntelligenceState) => s.suggestions[handoffId] ?? NONE;
export const selectTrend = (handoffId: string) => (s: IntelligenceState) => s.trends[handoffId];
export const selectChosenSuggestion = (handoffId: string) => (s: IntelligenceState) => s.chosen[handoffId];

const cache = new WeakMap<MoodTrend, Map<string, Sentiment>>();

/** On-device scores by message id, for messages the bot platform did not score. */
export function trendSentiments(trend: MoodTrend | undefined): Map<string, Sentiment> {
  if (!trend) return new Map();
  let map = cache.get(trend);
  if (!map) {
    map = new Map(trend.points.map((p) => [p.messageId, p.sentiment]));
    cache.set(trend, map);
  }
  return map;
}
