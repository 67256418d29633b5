// Customers for simulated handoffs: tiers in realistic proportions, plans and lifetime values that
// fit the tier, names and locales that fit the language, a history of past conversations and open items.
import type { Customer, PastConversation, Tier } from '../../shared/domain';
import type { Rng } from './random';
import { SUPPORT_TOPICS, type Language } from './support-topics';

const NAMES: Record<Language, { first: readonly string[]; last: readonly string[]; locales: readonly string[] }> = {
  en: {
    first: ['Olivia', 'James', 'Amelia', 'Noah', 'Priya', 'Liam', 'Grace', 'Ethan', 'Chloe', 'Mohammed', 'Hannah', 'Daniel', 'Zoe', 'Samuel'],
    last: ['Smith', 'Johnson', 'Patel', 'Williams', 'Brown', 'Taylor', 'Nguyen', 'Khan', 'Walker', 'Evans', 'Murphy', 'Okafor'],
    locales: ['en-GB', 'en-US', 'en-IE', 'en-AU'],
  },
  es: {
    first: ['Lucía', 'Mateo', 'Sofía', 'Hugo', 'Valentina', 'Martín', 'Carmen', 'Diego'],
    last: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Romero', 'Torres'],
    locales: ['es-ES', 'es-MX', 'es-AR'],
  },
  de: {
    first: ['Lena', 'Lukas', 'Mia', 'Felix', 'Hannah', 'Jonas', 'Leonie', 'Paul'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker'],
    locales: ['de-DE', 'de-AT', 'de-CH'],
  },
  fr: {
    first: ['Camille', 'Louis', 'Léa', 'Gabriel', 'Chloé', 'Arthur', 'Manon'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit'],
    locales: ['fr-FR', 'fr-BE', 'fr-CA'],
  },
};

const PLANS: Record<Tier, readonly string[]> = {
  standard: ['Free', 'Basic monthly'],
  plus: ['Plus monthly', 'Plus annual'],
  premium: ['Premium monthly', 'Premium annual'],
  vip: ['Enterprise', 'Premium annual', 'Business 50'],
};

const LIFETIME_VALUE: Record<Tier, [number, number]> = {
  standard: [0, 600],
  plus: [200, 2_500],
  premium: [1_500, 9_000],
  vip: [8_000, 120_000],
};

const OUTCOMES: readonly PastConversation['outcome'][] = ['resolved', 'resolved', 'bot_resolved', 'bot_resolved', 'transferred', 'abandoned'];

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[^\x20-\x7e]/g, '').toLowerCase();
}

export interface SimulatedCustomerOptions {
  index: number;
  language: Language;
  /** Forces a high tier (vip_customer handoffs). */
  highValue: boolean;
  now: number;
  idPrefix: string;
}

export function generateCustomer(rng: Rng, options: SimulatedCustomerOptions): Customer {
  const { language, now } = options;
  const names = NAMES[language];
  const first = rng.pick(names.first);
  const last = rng.pick(names.last);
  const tier: Tier = options.highValue
    ? rng.weighted({ vip: 70, premium: 30 })
    : rng.weighted({ standard: 50, plus: 27, premium: 15, vip: 8 });
  const [minValue, maxValue] = LIFETIME_VALUE[tier];
  const lifetimeValue = options.highValue ? rng.int(Math.max(minValue, 10_000), maxValue + 10_000) : rng.int(minValue, maxValue);
  const dayMs = 86_400_000;
  const pastConversations: PastConversation[] = Array.from({ length: rng.int(0, 4) }, (_, i) => ({
    id: `${options.idPrefix}-past-${options.index}-${i}`,
    at: new Date(now - rng.int(3, 400) * dayMs - rng.int(0, 86_399) * 1000).toISOString(),
    topic: rng.pick(SUPPORT_TOPICS).title,
    outcome: rng.pick(OUTCOMES),
  })).sort((a, b) => b.at.localeCompare(a.at));
  return {
    id: `${options.idPrefix}-cust-${options.index}`,
    name: `${first} ${last}`,
    email: `${ascii(first)}.${ascii(last)}${rng.int(1, 99)}@example.${rng.pick(['com', 'org', 'net'])}`,
    ...(rng.chance(0.5) ? { phone: `+44 7${rng.int(100, 999)} ${rng.int(100_000, 999_999)}` } : {}),
    tier,
    plan: rng.pick(PLANS[tier]),
    lifetimeValue,
    locale: rng.pick(names.locales),
    pastConversations,
    openItems: [],
  };
}
