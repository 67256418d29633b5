// Messages a customer sends after the handoff, while waiting for or talking to an agent: some calm,
// some angry, in the conversation's language, each with the platform's sentiment estimate.
import type { CustomerMessageRequest, HandoffRequest } from '../../shared/ingest';
import { DEFAULT_SIMULATION_TIME, sentimentOf } from './generate-handoff';
import type { Rng } from './random';
import { CUSTOMER_LINES, LANGUAGES, type Language } from './support-topics';

const WAITING_LINES: Record<Language, readonly string[]> = {
  en: ['Hello? Is anyone there?', 'How much longer will this take?', 'I am still waiting.'],
  es: ['¿Hola? ¿Hay alguien?', '¿Cuánto falta?'],
  de: ['Hallo? Ist da jemand?', 'Wie lange dauert das noch?'],
  fr: ['Allô ? Il y a quelqu’un ?', 'Combien de temps encore ?'],
};

function languageOf(tag: string): Language {
  const primary = tag.toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : 'en';
}

export interface CustomerMessageOptions {
  now?: number;
  /** Distinguishes several follow-ups to one handoff; part of the event and message ids. */
  sequence?: number;
}

export function generateCustomerMessage(rng: Rng, handoff: HandoffRequest, options: CustomerMessageOptions = {}): CustomerMessageRequest {
  const lines = CUSTOMER_LINES[languageOf(handoff.conversation.language)];
  const mood = rng.weighted({ angry: 35, waiting: 25, calm: 30, thanks: 10 });
  const text =
    mood === 'angry'
      ? rng.pick(lines.angry)
      : mood === 'waiting'
        ? rng.pick(WAITING_LINES[languageOf(handoff.conversation.language)])
        : mood === 'calm'
          ? rng.pick(lines.calm)
          : rng.pick(lines.thanks);
  const score = mood === 'angry' ? rng.float(-0.95, -0.55) : mood === 'waiting' ? rng.float(-0.45, -0.1) : rng.float(0.05, 0.7);
  const sequence = options.sequence ?? rng.int(0, 1e9);
  const id = `${handoff.eventId}-followup-${sequence}`;
  return {
    eventId: id,
    message: { id, text, at: new Date(options.now ?? DEFAULT_SIMULATION_TIME).toISOString() },
    sentiment: sentimentOf(score),
  };
}
