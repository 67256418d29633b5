// The support situations the simulator draws from: what customers write (in four languages), what
// the bot collected and tried, and how the AI summary reads. Written to look like real traffic so
// demos, rules and the on-device models meet the kind of text they will see in the field.
import type { Rng } from './random';

export const LANGUAGES = ['en', 'es', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

type Facts = Record<string, string>;

export interface SupportTopic {
  id: string;
  intent: string;
  /** Short title, used for past conversations and open tickets. */
  title: string;
  /** What the customer writes first; `{key}` is filled from the facts. */
  openers: Record<Language, readonly string[]>;
  facts(rng: Rng): Facts;
  /** The key of the fact the customer gives when the bot asks. */
  detailKey: string;
  /** How an English-speaking customer gives it, when "It is {value}." would read oddly. */
  detailText?: string;
  botQuestion: string;
  botAttempts: readonly string[];
  steps: readonly string[];
  summary(facts: Facts): string;
  /** What turns this into a multi-step request (complex_request). */
  complexAsk: string;
  openItem?: { kind: 'order' | 'ticket'; title(facts: Facts): string; status: string };
}

const orderNumber = (rng: Rng) => `A-${rng.int(10_000, 99_999)}`;
const amount = (rng: Rng) => `${rng.int(12, 480)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
const DEVICES = ['iPhone 15', 'Pixel 8', 'Samsung Galaxy S23', 'Windows laptop', 'MacBook Air', 'iPad'];
const CARRIERS = ['DHL', 'UPS', 'DPD', 'Royal Mail', 'GLS'];

export const SUPPORT_TOPICS: readonly SupportTopic[] = [
  {
    id: 'delivery_delay',
    intent: 'delivery.delayed',
    title: 'Delivery delay',
    openers: {
      en: ['Where is my order {order}? It was supposed to arrive last week.', 'My parcel still has not arrived and tracking has not moved for days.'],
      es: ['¿Dónde está mi pedido {order}? Tenía que llegar la semana pasada.', 'Mi paquete todavía no ha llegado y el seguimiento no se mueve.'],
      de: ['Wo bleibt meine Bestellung {order}? Sie sollte letzte Woche ankommen.', 'Mein Paket ist immer noch nicht da und die Sendungsverfolgung bewegt sich nicht.'],
      fr: ['Où est ma commande {order} ? Elle devait arriver la semaine dernière.', "Mon colis n'est toujours pas arrivé et le suivi ne bouge plus."],
    },
    facts: (rng) => ({
      orderNumber: orderNumber(rng),
      carrier: rng.pick(CARRIERS),
      daysLate: String(rng.int(3, 14)),
      trackingNumber: `TRK${rng.int(100_000_000, 999_999_999)}`,
    }),
    detailKey: 'orderNumber',
    botQuestion: 'I am sorry about the wait. Could you give me your order number so I can check the tracking?',
    botAttempts: [
      'Tracking shows the parcel at the {carrier} depot. Deliveries can take up to 2 extra working days.',
      'I have asked {carrier} for an update. Would you like me to open a delivery inquiry?',
    ],
    steps: ['Looked up order and tracking', 'Checked carrier status ({carrier})', 'Offered a carrier inquiry'],
    summary: (f) =>
      `Order ${f.orderNumber} is ${f.daysLate} days late; ${f.carrier} tracking (${f.trackingNumber}) has not moved. Bot shared the tracking status and offered a carrier inquiry.`,
    complexAsk: 'Also the second item in that order was charged twice and I need to change the delivery address for my next order.',
    openItem: { kind: 'order', title: (f) => `Order ${f.orderNumber}`, status: 'in transit' },
  },
  {
    id: 'refund_request',
    intent: 'refund.status',
    title: 'Refund not received',
    openers: {
      en: ['I returned my order {order} two weeks ago and still have no refund.', 'When will I get my money back? I sent the item back ages ago.'],
      es: ['Devolví mi pedido {order} hace dos semanas y todavía no tengo el reembolso.', '¿Cuándo me devolverán el dinero?'],
      de: ['Ich habe die Bestellung {order} vor zwei Wochen zurückgeschickt und noch keine Erstattung.', 'Wann bekomme ich mein Geld zurück?'],
      fr: ["J'ai renvoyé ma commande {order} il y a deux semaines et toujours pas de remboursement.", 'Quand vais-je être remboursé ?'],
    },
    facts: (rng) => ({ orderNumber: orderNumber(rng), refundAmount: amount(rng), returnReceived: rng.chance(0.6) ? 'yes' : 'no' }),
    detailKey: 'orderNumber',
    botQuestion: 'I can check that for you. What is the order number of the return?',
    botAttempts: [
      'The return was registered. Refunds take 5 to 10 working days to reach your bank.',
      'I can see a refund of {refundAmount} pending. It should arrive within 10 working days.',
    ],
    steps: ['Looked up the return', 'Checked refund status', 'Explained refund timelines'],
    summary: (f) =>
      `Customer returned order ${f.orderNumber} and expects a refund of ${f.refundAmount}; return received in warehouse: ${f.returnReceived}. Bot explained the 5-10 day refund window.`,
    complexAsk: 'I also want to exchange the other item for a different size and use the refund as store credit instead.',
    openItem: { kind: 'ticket', title: (f) => `Refund for ${f.orderNumber}`, status: 'pending' },
  },
  {
    id: 'login_problem',
    intent: 'login.failed',
    title: 'Cannot log in',
    openers: {
      en: ['I cannot log in to my account, it keeps saying my password is wrong.', 'The app will not let me sign in since the last update.'],
      es: ['No puedo entrar en mi cuenta, dice que la contraseña es incorrecta.', 'La aplicación no me deja iniciar sesión desde la última actualización.'],
      de: ['Ich kann mich nicht einloggen, angeblich ist mein Passwort falsch.', 'Seit dem letzten Update kann ich mich in der App nicht mehr anmelden.'],
      fr: ['Je ne peux pas me connecter, il dit que mon mot de passe est incorrect.', "L'application ne me laisse plus me connecter depuis la mise à jour."],
    },
    facts: (rng) => ({ device: rng.pick(DEVICES), appVersion: `5.${rng.int(0, 9)}.${rng.int(0, 20)}`, resetEmailsSent: String(rng.int(1, 3)) }),
    detailKey: 'device',
    detailText: 'I am on a {device}, app version {appVersion}.',
    botQuestion: 'Sorry about that. Which device and app version are you using?',
    botAttempts: ['I have sent a password reset link to the email on your account.', 'Please try clearing the app cache and signing in again.'],
    steps: ['Sent password reset email', 'Suggested clearing the app cache', 'Checked for service incidents'],
    summary: (f) =>
      `Customer cannot sign in on ${f.device} (app ${f.appVersion}). Bot sent ${f.resetEmailsSent} password reset email(s) and suggested clearing the cache; still failing.`,
    complexAsk: 'And once I am in I need to move my subscription to my partner\'s account and merge our order history.',
  },
  {
    id: 'double_charge',
    intent: 'billing.double_charge',
    title: 'Charged twice',
    openers: {
      en: ['I have been charged twice for the same order, {amount} each time.', 'There are two identical charges on my card from you this month.'],
      es: ['Me han cobrado dos veces el mismo pedido, {amount} cada vez.', 'Tengo dos cargos idénticos en mi tarjeta este mes.'],
      de: ['Mir wurde dieselbe Bestellung zweimal berechnet, jeweils {amount}.', 'Ich habe diesen Monat zwei identische Abbuchungen von Ihnen.'],
      fr: ["On m'a débité deux fois pour la même commande, {amount} à chaque fois.", "J'ai deux prélèvements identiques ce mois-ci."],
    },
    facts: (rng) => ({ amount: amount(rng), cardLast4: String(rng.int(1000, 9999)), invoiceNumber: `INV-${rng.int(100_000, 999_999)}` }),
    detailKey: 'invoiceNumber',
    botQuestion: 'I can look into that. Could you share the invoice number or the last 4 digits of the card?',
    botAttempts: ['I can see one charge and one pending authorisation. Pending authorisations usually drop off within 3 days.'],
    steps: ['Looked up payments on the account', 'Explained pending authorisations'],
    summary: (f) =>
      `Customer sees two charges of ${f.amount} on card ending ${f.cardLast4} (invoice ${f.invoiceNumber}). Bot explained pending authorisations; customer disputes it.`,
    complexAsk: 'I also need a corrected invoice with my company VAT number and want to switch to paying by bank transfer.',
    openItem: { kind: 'ticket', title: (f) => `Duplicate charge ${f.invoiceNumber}`, status: 'open' },
  },
  {
    id: 'cancellation',
    intent: 'cancellation.subscription',
    title: 'Cancel subscription',
    openers: {
      en: ['I want to cancel my subscription.', 'How do I cancel? I do not want to be charged again next month.'],
      es: ['Quiero cancelar mi suscripción.', '¿Cómo cancelo? No quiero que me cobren el mes que viene.'],
      de: ['Ich möchte mein Abo kündigen.', 'Wie kündige ich? Ich will nächsten Monat nicht wieder belastet werden.'],
      fr: ['Je veux résilier mon abonnement.', 'Comment résilier ? Je ne veux pas être prélevé le mois prochain.'],
    },
    facts: (rng) => ({ renewalDate: `2026-12-${String(rng.int(1, 28)).padStart(2, '0')}`, reason: rng.pick(['too expensive', 'not using it', 'moving to a competitor', 'bad service']) }),
    detailKey: 'reason',
    detailText: 'Honestly, it is {reason}.',
    botQuestion: 'I am sorry to hear you want to leave. May I ask why you would like to cancel?',
    botAttempts: ['I can offer you 3 months at half price if you stay. Would that help?'],
    steps: ['Asked for the cancellation reason', 'Offered a retention discount (declined)'],
    summary: (f) => `Customer wants to cancel before the renewal on ${f.renewalDate}; reason: ${f.reason}. Bot offered a 50% retention discount, declined.`,
    complexAsk: 'Before I cancel I need all my invoices from last year and a refund for the unused months.',
  },
  {
    id: 'damaged_item',
    intent: 'order.damaged_item',
    title: 'Damaged item',
    openers: {
      en: ['My order {order} arrived broken. The box was crushed.', 'The item I received is damaged, the screen is cracked.'],
      es: ['Mi pedido {order} llegó roto. La caja estaba aplastada.', 'El artículo que recibí está dañado.'],
      de: ['Meine Bestellung {order} kam kaputt an. Der Karton war zerdrückt.', 'Der Artikel ist beschädigt angekommen.'],
      fr: ['Ma commande {order} est arrivée cassée. Le carton était écrasé.', "L'article reçu est endommagé."],
    },
    facts: (rng) => ({ orderNumber: orderNumber(rng), item: rng.pick(['coffee machine', 'monitor', 'desk lamp', 'headphones', 'blender']), photosProvided: rng.chance(0.7) ? 'yes' : 'no' }),
    detailKey: 'orderNumber',
    botQuestion: 'I am sorry it arrived damaged. Could you send the order number and a photo of the damage?',
    botAttempts: ['Thank you. I can offer a replacement or a refund once the damage is confirmed.'],
    steps: ['Collected order number', 'Requested photos of the damage', 'Offered replacement or refund'],
    summary: (f) => `The ${f.item} in order ${f.orderNumber} arrived damaged (photos provided: ${f.photosProvided}). Bot offered a replacement or refund pending review.`,
    complexAsk: 'The replacement must arrive before Friday, and I want the broken one collected from my office, not my home.',
    openItem: { kind: 'order', title: (f) => `Order ${f.orderNumber} (${f.item})`, status: 'delivered' },
  },
  {
    id: 'account_locked',
    intent: 'account.locked',
    title: 'Account locked',
    openers: {
      en: ['My account has been locked and I do not know why.', 'I got an email saying my account is suspended for security reasons.'],
      es: ['Mi cuenta ha sido bloqueada y no sé por qué.', 'Me llegó un correo diciendo que mi cuenta está suspendida.'],
      de: ['Mein Konto wurde gesperrt und ich weiß nicht warum.', 'Ich habe eine E-Mail bekommen, dass mein Konto gesperrt ist.'],
      fr: ['Mon compte a été bloqué et je ne sais pas pourquoi.', "J'ai reçu un e-mail disant que mon compte est suspendu."],
    },
    facts: (rng) => ({ lockReason: rng.pick(['too many failed logins', 'suspicious payment', 'password found in a breach']), lockedAt: `${rng.int(1, 23)}:${String(rng.int(0, 59)).padStart(2, '0')} yesterday` }),
    detailKey: 'lockReason',
    detailText: 'Yes, it is the email I always use. I did not change anything.',
    botQuestion: 'For your security I need to verify a few details first. Can you confirm the email on the account?',
    botAttempts: ['I could not verify your identity automatically. For security, a person has to unlock the account.'],
    steps: ['Attempted automatic identity verification (failed)', 'Explained the security lock'],
    summary: (f) => `Account locked at ${f.lockedAt} (${f.lockReason}). Automatic identity verification failed; needs manual unlock.`,
    complexAsk: 'I also need to change the email on the account and remove an old card that I think was used without permission.',
    openItem: { kind: 'ticket', title: () => 'Account security review', status: 'open' },
  },
  {
    id: 'plan_upgrade',
    intent: 'billing.plan_change',
    title: 'Plan upgrade',
    openers: {
      en: ['I would like to upgrade to the annual plan, but keep my current discount.', 'Can I move my team of {seats} people to the business plan?'],
      es: ['Quiero pasar al plan anual pero mantener mi descuento.', '¿Puedo pasar a mi equipo de {seats} personas al plan business?'],
      de: ['Ich möchte auf den Jahresplan wechseln, aber meinen Rabatt behalten.', 'Kann ich mein Team mit {seats} Personen auf den Business-Plan umstellen?'],
      fr: ["J'aimerais passer au forfait annuel en gardant ma remise.", 'Puis-je passer mon équipe de {seats} personnes au forfait business ?'],
    },
    facts: (rng) => ({ seats: String(rng.int(3, 60)), currentPlan: rng.pick(['Plus monthly', 'Basic', 'Premium monthly']), discountCode: `SAVE${rng.int(10, 30)}` }),
    detailKey: 'seats',
    detailText: 'We would need {seats} seats.',
    botQuestion: 'Happy to help with that. How many seats would you need?',
    botAttempts: ['Plan changes with an existing discount need a quote. I cannot apply the discount to the annual plan myself.'],
    steps: ['Looked up current plan and discount', 'Checked upgrade options'],
    summary: (f) => `Customer on ${f.currentPlan} wants to upgrade ${f.seats} seats while keeping discount ${f.discountCode}. Bot cannot carry the discount over; needs a quote.`,
    complexAsk: 'We also need single sign-on, a data processing agreement signed, and invoices split across two cost centres.',
  },
  {
    id: 'wrong_item',
    intent: 'order.wrong_item',
    title: 'Wrong item received',
    openers: {
      en: ['I received the wrong item in order {order}.', 'You sent me a blue one, I ordered black.'],
      es: ['He recibido un artículo equivocado en el pedido {order}.', 'Me enviaron uno azul y pedí negro.'],
      de: ['Ich habe in Bestellung {order} den falschen Artikel bekommen.', 'Sie haben mir Blau geschickt, bestellt war Schwarz.'],
      fr: ["J'ai reçu le mauvais article dans la commande {order}.", "Vous m'avez envoyé du bleu, j'avais commandé du noir."],
    },
    facts: (rng) => ({ orderNumber: orderNumber(rng), ordered: rng.pick(['black, size M', 'model X200', '2 pack']), received: rng.pick(['blue, size L', 'model X100', 'single item']) }),
    detailKey: 'orderNumber',
    botQuestion: 'Sorry for the mix-up. What is the order number?',
    botAttempts: ['I have created a return label for the wrong item. The correct one will ship once the return is scanned.'],
    steps: ['Confirmed order contents', 'Created a return label'],
    summary: (f) => `Order ${f.orderNumber}: ordered ${f.ordered}, received ${f.received}. Bot created a return label; the replacement ships after the return scan.`,
    complexAsk: 'I need the right one before the weekend, so please send it now and I will return the wrong one later.',
    openItem: { kind: 'order', title: (f) => `Order ${f.orderNumber}`, status: 'delivered' },
  },
  {
    id: 'api_errors',
    intent: 'technical.api_errors',
    title: 'API errors',
    openers: {
      en: ['Our integration gets 500 errors from your API since this morning.', 'Webhooks stopped arriving at our endpoint yesterday.'],
      es: ['Nuestra integración recibe errores 500 de su API desde esta mañana.', 'Los webhooks dejaron de llegar ayer.'],
      de: ['Unsere Integration bekommt seit heute Morgen 500-Fehler von Ihrer API.', 'Seit gestern kommen keine Webhooks mehr an.'],
      fr: ['Notre intégration reçoit des erreurs 500 de votre API depuis ce matin.', "Les webhooks n'arrivent plus depuis hier."],
    },
    facts: (rng) => ({ requestId: `req_${rng.int(1e8, 9e8)}`, endpoint: rng.pick(['/v2/orders', '/v2/customers', '/v2/webhooks']), errorRate: `${rng.int(5, 80)}%` }),
    detailKey: 'requestId',
    detailText: 'Here is one: {requestId}',
    botQuestion: 'Could you share a request id from one of the failing calls?',
    botAttempts: ['Our status page shows no incident. Please check that your API key has not expired.'],
    steps: ['Checked the status page', 'Asked for a failing request id', 'Suggested checking API key expiry'],
    summary: (f) => `Integration errors on ${f.endpoint} (${f.errorRate} of calls, e.g. ${f.requestId}). No incident on the status page; API key checked.`,
    complexAsk: 'We also need to rotate our keys without downtime and backfill the orders we missed while it was failing.',
    openItem: { kind: 'ticket', title: (f) => `API errors on ${f.endpoint}`, status: 'investigating' },
  },
];

/** Questions the bot has no flow for (unknown_query). */
export const UNKNOWN_QUERIES: Record<Language, readonly string[]> = {
  en: [
    'Can I pay for my friend\'s order in Canada with my loyalty points?',
    'Is your packaging compostable, and can I send it back to you for recycling?',
    'My late father had an account with you, what happens to his stored credit?',
    'Do you offer a discount for charities buying in bulk?',
  ],
  es: ['¿Puedo pagar el pedido de un amigo en Canadá con mis puntos?', '¿Su embalaje es compostable?'],
  de: ['Kann ich mit meinen Treuepunkten die Bestellung eines Freundes in Kanada bezahlen?', 'Ist Ihre Verpackung kompostierbar?'],
  fr: ["Puis-je payer la commande d'un ami au Canada avec mes points ?", 'Votre emballage est-il compostable ?'],
};

/** Lines for every topic, by language and mood. */
export const CUSTOMER_LINES: Record<Language, { angry: readonly string[]; calm: readonly string[]; human: readonly string[]; stillBroken: readonly string[]; detail: string; thanks: readonly string[] }> = {
  en: {
    angry: ['This is ridiculous, I have been waiting for days.', 'I am really fed up with this. Nobody is helping me.', 'Unacceptable. This is the third time I am asking.', 'Honestly this is the worst service I have had.', 'If this is not fixed today I will file a chargeback with my bank.'],
    calm: ['Okay, thanks for checking.', 'Sure, no problem.', 'Alright, I will wait then.', 'Thanks, that helps a bit.'],
    human: ['I want to speak to a real person.', 'Agent please.', 'Can I talk to a human?', 'Please connect me to someone from your team.'],
    stillBroken: ['That did not work.', 'Still the same problem.', 'I already tried that, it does not help.'],
    detail: 'It is {value}.',
    thanks: ['Thank you.', 'Great, thanks.'],
  },
  es: {
    angry: ['Esto es ridículo, llevo días esperando.', 'Estoy harto. Nadie me ayuda.', 'Inaceptable. Es la tercera vez que lo pido.'],
    calm: ['Vale, gracias.', 'De acuerdo, espero.'],
    human: ['Quiero hablar con una persona.', '¿Puedo hablar con un agente?'],
    stillBroken: ['No ha funcionado.', 'Sigue igual.'],
    detail: 'Es {value}.',
    thanks: ['Gracias.'],
  },
  de: {
    angry: ['Das ist lächerlich, ich warte seit Tagen.', 'Ich habe die Nase voll. Niemand hilft mir.', 'Inakzeptabel. Ich frage jetzt zum dritten Mal.', 'Wenn das nicht heute gelöst wird, schalte ich meinen Anwalt ein.'],
    calm: ['Okay, danke.', 'Gut, dann warte ich.'],
    human: ['Ich möchte mit einem Menschen sprechen.', 'Bitte verbinden Sie mich mit einem Mitarbeiter.'],
    stillBroken: ['Das hat nicht funktioniert.', 'Immer noch dasselbe Problem.'],
    detail: 'Das ist {value}.',
    thanks: ['Danke.'],
  },
  fr: {
    angry: ["C'est ridicule, j'attends depuis des jours.", "J'en ai assez. Personne ne m'aide.", "Inacceptable. C'est la troisième fois que je demande."],
    calm: ["D'accord, merci.", "Très bien, j'attends."],
    human: ['Je veux parler à une vraie personne.', 'Un conseiller, s’il vous plaît.'],
    stillBroken: ['Ça ne marche pas.', 'Toujours le même problème.'],
    detail: "C'est {value}.",
    thanks: ['Merci.'],
  },
};

/** What the bot says in languages other than English (its English lines are topic-specific). */
export const BOT_LINES: Record<Exclude<Language, 'en'>, { ask: string; attempt: string; handoff: string; unknown: string }> = {
  es: {
    ask: 'Lo siento. ¿Me puede dar más detalles para revisarlo?',
    attempt: 'He revisado su cuenta y he intentado la solución habitual.',
    handoff: 'Le paso con una persona de nuestro equipo.',
    unknown: 'Lo siento, no estoy seguro de haber entendido la pregunta.',
  },
  de: {
    ask: 'Das tut mir leid. Können Sie mir mehr Details geben, damit ich nachsehen kann?',
    attempt: 'Ich habe Ihr Konto geprüft und die übliche Lösung versucht.',
    handoff: 'Ich verbinde Sie mit einer Person aus unserem Team.',
    unknown: 'Entschuldigung, ich bin nicht sicher, ob ich die Frage verstanden habe.',
  },
  fr: {
    ask: 'Désolé. Pouvez-vous me donner plus de détails pour que je vérifie ?',
    attempt: "J'ai vérifié votre compte et essayé la solution habituelle.",
    handoff: 'Je vous mets en relation avec une personne de notre équipe.',
    unknown: "Désolé, je ne suis pas sûr d'avoir compris la question.",
  },
};

export function fillTemplate(template: string, facts: Facts): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key === 'order') return facts.orderNumber ?? whole;
    return facts[key] ?? whole;
  });
}
