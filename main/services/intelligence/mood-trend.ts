// The customer's mood over the last N scored messages and whether it is falling: the alert policy
// and the supervisor view raise a flag on a falling trend. Pure function of the messages.
import type { Message } from '../../../shared/domain';
import type { MoodTrend } from '../../../shared/intelligence';

export interface MoodTrendOptions {
  /** How many of the latest scored customer messages to look at. */
  window?: number;
  /** A least-squares slope at or below this (score units per message) counts as falling. */
  fallingSlope?: number;
  /** ... or a drop of at least this from the best of the earlier messages to a negative latest one. */
  fallingDrop?: number;
}

export function moodTrend(messages: readonly Message[], options: MoodTrendOptions = {}): MoodTrend {
  const window = options.window ?? 5;
  const fallingSlope = options.fallingSlope ?? -0.25;
  const fallingDrop = options.fallingDrop ?? 0.8;
  const points = messages
    .filter((m) => m.author === 'customer' && m.sentiment)
    .slice(-window)
    .map((m) => ({ messageId: m.id, at: m.at, sentiment: m.sentiment! }));
  if (points.length === 0) return { points, average: null, slope: 0, falling: false };
  const scores = points.map((p) => p.sentiment.score);
  const n = scores.length;
  const average = scores.reduce((a, b) => a + b, 0) / n;
  let slope = 0;
  if (n >= 2) {
    const meanX = (n - 1) / 2;
    let num = 0;
    let den = 0;
    scores.forEach((y, x) => {
      num += (x - meanX) * (y - average);
      den += (x - meanX) ** 2;
    });
    slope = num / den;
  }
  const latest = scores[n - 1]!;
  const bestEarlier = n >= 2 ? Math.max(...scores.slice(0, -1)) : latest;
  // Two readings: a steady slide over several messages, or a sudden turn into anger.
  const falling = n >= 2 && latest < 0 && ((n >= 3 && slope <= fallingSlope) || bestEarlier - latest >= fallingDrop);
  return { points, average: Math.max(-1, Math.min(1, average)), slope, falling };
}
