// Words for domain values shown on screen (triggers have theirs in shared/domain.ts).
import type { Channel, FeedbackGrade, MessageAuthor, PastConversation, Presence, SentimentLabel, Tier } from '../../shared/domain';

export const TIER_LABELS: Record<Tier, string> = { standard: 'Standard', plus: 'Plus', premium: 'Premium', vip: 'VIP' };

export const CHANNEL_LABELS: Record<Channel, string> = {
  chat: 'Chat',
  email: 'Email',
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  voice: 'Voice',
  social: 'Social',
};

export const PRESENCE_LABELS: Record<Presence, string> = { available: 'Available', busy: 'Busy', away: 'Away', offline: 'Offline' };

export const AUTHOR_LABELS: Record<MessageAuthor, string> = { customer: 'Customer', bot: 'Bot', agent: 'You', system: 'System' };

export const MOOD_LABELS: Record<SentimentLabel, string> = { negative: 'Upset', neutral: 'Neutral', positive: 'Positive' };

export const OUTCOME_LABELS: Record<PastConversation['outcome'], string> = {
  resolved: 'Resolved by an agent',
  transferred: 'Transferred',
  abandoned: 'Abandoned',
  bot_resolved: 'Resolved by the bot',
};

export const GRADE_LABELS: Record<FeedbackGrade, string> = {
  good_handoff: 'Good handoff',
  should_have_been_automated: 'Should have been automated',
  escalated_too_late: 'Escalated too late',
  summary_wrong: 'Summary wrong',
  wrong_team: 'Wrong team',
};

export const DECLINE_REASONS = [
  'Busy with another customer',
  'Outside my skills',
  'Language I do not speak',
  'About to go on break',
] as const;
