// Seeded template generator for support-chat style training messages. The tweets the model learns
// from rarely look like "How do I change my billing address?", so without these the model reads
// plain support requests as emotional. Written independently of the hand-written evaluation set
// (training/eval/support-chat-sentiment.tsv), which is never used for training.
import { seededRandom } from '../embed/intent-split';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const THINGS = ['order', 'parcel', 'refund', 'invoice', 'account', 'subscription', 'booking', 'reservation', 'ticket', 'card', 'payment', 'delivery', 'return', 'password', 'plan', 'bill', 'statement', 'flight', 'package', 'device', 'router', 'app', 'membership', 'voucher', 'exchange'];
const ACTIONS = ['change', 'update', 'check', 'cancel', 'track', 'view', 'download', 'reset', 'renew', 'transfer', 'add', 'remove', 'confirm', 'find', 'upgrade', 'activate', 'close', 'reschedule', 'edit', 'get'];
const DETAILS = ['my email address', 'the delivery date', 'my billing address', 'the payment method', 'my phone number', 'the name on the booking', 'my seat', 'the pickup time', 'my username', 'the shipping address', 'my plan', 'the card on file', 'my password', 'the language settings', 'my notification settings'];
const NUMBERS = ['48213', 'A-1042', '77310', 'B-552', '90122', '3318', 'XK-221', '1204', '66001', 'Z-9'];
const TIMES = ['yesterday', 'last week', 'on Monday', 'this morning', 'two days ago', 'last month', 'on the 3rd', 'an hour ago', 'on Friday'];

const NEUTRAL = [
  () => `How do I ${ACT()} my ${THING()}?`,
  () => `Can you ${ACT()} ${DETAIL()} for me?`,
  () => `I'd like to ${ACT()} ${DETAIL()}.`,
  () => `I need to ${ACT()} my ${THING()}.`,
  () => `My ${THING()} number is ${NUM()}.`,
  () => `I placed the ${THING()} ${TIME()}.`,
  () => `Is it possible to ${ACT()} my ${THING()} online?`,
  () => `What do I need to ${ACT()} my ${THING()}?`,
  () => `Could you tell me the status of ${THING()} ${NUM()}?`,
  () => `Where can I ${ACT()} ${DETAIL()}?`,
  () => `I'm calling about ${THING()} ${NUM()}.`,
  () => `Do you ${pick(r, ['ship to', 'deliver to', 'have stores in', 'offer service in'])} ${pick(r, ['Canada', 'Spain', 'Ireland', 'Germany', 'Mexico', 'Japan'])}?`,
  () => `Which ${pick(r, ['payment methods', 'plans', 'sizes', 'colours', 'options'])} do you ${pick(r, ['accept', 'have', 'offer'])}?`,
  () => `ok, I'll ${pick(r, ['try that', 'check', 'wait', 'look', 'do that'])} ${pick(r, ['now', 'later', 'tomorrow', 'and let you know', ''])}`.trim(),
  () => `I'm on the ${pick(r, ['checkout', 'settings', 'login', 'account', 'billing'])} page now.`,
  () => `The ${THING()} was ${pick(r, ['ordered', 'booked', 'paid', 'sent', 'requested'])} ${TIME()}.`,
  () => `Please ${ACT()} my ${THING()}.`,
  () => `Hi, I have a question about my ${THING()}.`,
  () => `What are your ${pick(r, ['opening hours', 'delivery times', 'fees', 'prices', 'terms'])} ${pick(r, ['on Sunday', 'for express', 'this week', 'for students', ''])}?`.replace(' ?', '?'),
  () => `I'm using the ${pick(r, ['iPhone', 'Android', 'web', 'desktop'])} ${pick(r, ['app', 'version', 'site'])}.`,
  () => `Can I speak to ${pick(r, ['an agent', 'someone in billing', 'a person', 'the returns team'])} please?`,
  () => `My account ID is ${NUM()}.`,
  () => `How long does a ${THING()} ${pick(r, ['take', 'usually take', 'take to process'])}?`,
  () => `I haven't received the ${pick(r, ['confirmation email', 'code', 'invoice', 'tracking number'])} yet.`,
];
const NEGATIVE = [
  () => `${pick(r, ['This is', "It's", 'Honestly this is'])} ${pick(r, ['unacceptable', 'ridiculous', 'a joke', 'a disgrace', 'terrible', 'awful', 'pathetic', 'outrageous'])}${pick(r, ['.', '!', '!!', '.'])}`,
  () => `I've been waiting ${pick(r, ['two weeks', 'a month', 'ages', 'forever', 'three days', 'an hour'])} for my ${THING()} and ${pick(r, ["nobody is helping", "I'm fed up", "I'm furious", "still nothing", "no one replies"])}.`,
  () => `Your ${pick(r, ['service', 'app', 'website', 'support', 'company', 'product'])} is ${pick(r, ['useless', 'terrible', 'the worst', 'a nightmare', 'awful', 'rubbish', 'broken'])}.`,
  () => `I'm ${pick(r, ['so', 'really', 'extremely', 'very'])} ${pick(r, ['angry', 'frustrated', 'disappointed', 'upset', 'annoyed', 'fed up'])} ${pick(r, ['with this', 'right now', 'with your service', 'about my ' + THING(), ''])}.`.replace(' .', '.'),
  () => `Why ${pick(r, ['was I charged twice', 'is my ' + THING() + ' still not here', 'did you cancel my ' + THING(), 'does nobody answer', 'is this so hard'])}?${pick(r, ['', '?', ' Fix it.', ' Unbelievable.'])}`,
  () => `The ${THING()} ${pick(r, ['arrived broken', 'never arrived', 'is damaged', 'stopped working', 'is wrong again', 'was lost'])}${pick(r, ['.', ' and I am not happy.', '. Terrible.', ', really bad.'])}`,
  () => `${pick(r, ['Worst', 'Most frustrating', 'Most useless'])} ${pick(r, ['customer service', 'experience', 'company', 'support'])} ${pick(r, ["I've ever had", 'ever', 'I have dealt with'])}.`,
  () => `I ${pick(r, ['hate', "can't stand", 'regret'])} ${pick(r, ['this', 'this update', 'buying this', 'your app', 'ordering from you'])}.`,
  () => `${pick(r, ['Nobody', 'No one'])} ${pick(r, ['has helped me', 'called me back', 'answered my emails', 'cares'])} and I ${pick(r, ['want to complain', 'am losing money', 'want a manager', 'am done'])}.`,
  () => `${pick(r, ['still', 'again', 'seriously'])} ${pick(r, ['broken', 'not working', 'no refund', 'nothing', 'no reply'])}${pick(r, ['', '!!', '??', '. ugh', ' :('])}`,
  () => `You ${pick(r, ['lost', 'overcharged me for', 'cancelled', 'broke', 'ignored'])} my ${THING()}${pick(r, ['!', '. Awful.', ' and I want my money back.', '. Not acceptable.'])}`,
  () => `I will ${pick(r, ['never order again', 'report you', 'leave a bad review', 'cancel everything', 'take my business elsewhere'])}${pick(r, ['.', '!', ' if this is not fixed.'])}`,
];
const POSITIVE = [
  () => `${pick(r, ['Thanks', 'Thank you', 'Thanks so much', 'Many thanks', 'Cheers'])}${pick(r, [', that fixed it', ', that worked', ' for your help', ', really helpful', ', all sorted', ', that solved it'])}${pick(r, ['!', '.', ' :)', '!!'])}`,
  () => `${pick(r, ['Great', 'Perfect', 'Brilliant', 'Awesome', 'Excellent', 'Fantastic', 'Wonderful'])}, ${pick(r, ['it works now', 'the refund arrived', 'my account is back', 'that is exactly what I needed', 'the package arrived', 'everything is fine now'])}${pick(r, ['!', '.', ', thanks!', ' :)'])}`,
  () => `You ${pick(r, ["'ve been", 'were', 'are'])} ${pick(r, ['very helpful', 'amazing', 'a star', 'super helpful', 'so patient', 'brilliant'])}${pick(r, [', thank you', '!', '.', ', thanks a lot'])}`,
  () => `I'm ${pick(r, ['really', 'very', 'so'])} ${pick(r, ['happy', 'pleased', 'delighted', 'glad', 'impressed'])} with ${pick(r, ['the service', 'the replacement', 'how quickly this was solved', 'the new ' + THING(), 'your help'])}.`,
  () => `${pick(r, ['Really', 'Much', 'Truly'])} appreciate ${pick(r, ['it', 'your help', 'the quick reply', 'you sorting this out'])}${pick(r, ['!', '.', ', have a lovely day!'])}`,
  () => `${pick(r, ['Love', 'I love'])} ${pick(r, ['the new app', 'this update', 'your service', 'it', 'the product'])}${pick(r, ['!', ', thanks!', '.', ' :)'])}`,
  () => `${pick(r, ['That was', 'Wow, that was', 'So'])} ${pick(r, ['fast', 'easy', 'quick', 'simple'])}${pick(r, [', thanks!', '. Great job.', '!', ', really good service.'])}`,
  () => `${pick(r, ['Best', 'Great', 'Amazing', 'Excellent'])} ${pick(r, ['support', 'service', 'team', 'experience'])} ${pick(r, ['ever', 'as always', 'today', ''])}${pick(r, ['!', '.', ', thank you'])}`.replace(' !', '!').replace(' .', '.'),
];

let r: () => number = Math.random;
const ACT = () => pick(r, ACTIONS);
const THING = () => pick(r, THINGS);
const DETAIL = () => pick(r, DETAILS);
const NUM = () => pick(r, NUMBERS);
const TIME = () => pick(r, TIMES);

/** `perClass` messages of each label as TSV rows (label<TAB>text), deduplicated, reproducible by seed. */
export function supportChatSynthetic(perClass: number, seed = 7): string {
  r = seededRandom(seed);
  const rows = new Set<string>();
  for (const [label, templates] of [['neutral', NEUTRAL], ['negative', NEGATIVE], ['positive', POSITIVE]] as const) {
    let made = 0;
    for (let tries = 0; made < perClass && tries < perClass * 20; tries++) {
      const text = pick(r, templates)().replace(/\s+/g, ' ').trim();
      const row = `${label}\t${r() < 0.3 ? text.toLowerCase() : text}`;
      if (!rows.has(row)) {
        rows.add(row);
        made++;
      }
    }
  }
  return 'label\ttext\n' + [...rows].join('\n') + '\n';
}
