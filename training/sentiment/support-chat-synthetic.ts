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

// Negation, which support chat is full of and tweets teach backwards: "no problem", "not bad" and
// "can't complain" are friendly, "not helpful" and "nobody answers" are not, and "no, not yet" is
// just an answer. Each template is composed from interchangeable parts, so no phrase is learned
// with one fixed tail that could carry the label by itself; tails are often plain (no sentiment
// word), so the negated phrase has to. Written after the hand-written training/eval/support-chat-negation.tsv,
// in other words; that set is never trained on, and support-chat-synthetic.test.ts checks that none
// of its messages is generated.
const THE = () => `the ${THING()}`;
const END = () => pick(r, ['', '', '.', '!', ' :)', '!!']);
const SEP = () => pick(r, [', ', '. ', ' - ', '! ', ' ']);
const NEGATED_POSITIVE = [
  () => `${pick(r, ['', '', 'oh ', 'ah ', 'yeah ', 'ok ', 'haha ', 'honestly ', 'that is ok, ', 'all good, ', 'of course, '])}${pick(r, ['no problem', 'no problem at all', 'not a problem', 'no worries', 'no worries at all', 'no bother', 'no trouble at all', 'not an issue', 'no big deal', 'not a big deal at all', "don't worry about it", 'no stress', 'no harm done', 'no prob'])}${SEP()}${pick(r, ['thanks for letting me know', 'I can wait', 'whenever suits you', 'thanks for the update', 'it happens', 'thanks for checking', 'appreciate you looking into it', 'glad we got there', 'thanks for getting back to me', 'I can do it tomorrow', 'the new date works for me', 'cheers', 'thank you', 'I understand', 'Monday is fine', 'I will keep an eye out', `the ${THING()} can wait`, 'these things happen'])}${END()}`,
  () => `${pick(r, ['no rush', 'no hurry', 'no rush at all', 'there is no rush', "there's no hurry", 'no need to hurry', 'no need to rush', 'no pressure'])}${SEP()}${pick(r, ['whenever you can', 'take whatever time you need', 'I am happy to wait', 'tomorrow is fine', 'thanks for looking', 'thanks for helping', 'get back to me when you can', 'I know you are busy', 'next week works too', 'I appreciate it'])}${END()}`,
  () => `${pick(r, ['', '', 'honestly ', 'so far ', 'well, ', 'to be fair, '])}${pick(r, ['not bad', 'not bad at all', 'not too bad', "can't complain", 'cannot complain', 'no complaints', 'no complaints here', 'nothing to complain about', 'not a single complaint', "couldn't be happier", 'could not be happier', "couldn't ask for more", "couldn't be better", 'never been better', "can't fault it", 'no regrets'])}${pick(r, ['', ' with ' + THE(), ' with the new ' + THING(), ' since the fix', ' so far', ' this time', ' after the change', ', the ' + THING() + ' came on ' + pick(r, ['Monday', 'time', 'Tuesday']), ', it does what I need', ', the new plan is fine'])}${pick(r, ['', '', '.', '!', ', thanks', ', thank you', ', cheers'])}`,
  () => `${pick(r, ['no issues', 'no problems', 'no more problems', 'no more errors', 'not one problem', 'not a single issue', 'nothing wrong', 'no more crashes', 'zero issues', 'no trouble', 'no more drop-outs', 'nothing missing'])} ${pick(r, ['with ' + THE(), 'with my ' + THING(), 'on my end', 'here', 'with the app', 'on the ' + THING()])} ${pick(r, ['since the update', 'since you reset it', 'since yesterday', 'after your fix', 'anymore', 'now', 'this week', 'since the engineer came'])}${pick(r, ['', '', ', thanks', ', thank you', '. cheers', ', so all good', '. nice'])}`,
  () => `${pick(r, ['', '', 'ok ', 'yes! ', 'right, ', 'yep, ', 'that did it, '])}${pick(r, ['problem solved', 'problem fixed', 'issue resolved', 'issue sorted', "problem's gone", 'the problem is gone', 'the error is gone', 'that sorted the problem', 'that fixed the issue', 'that took care of the problem', 'no more error', 'the issue is fixed'])}${pick(r, ['', '', ', thanks', ', you are a star', ', appreciate it', ' - great', ', cheers', ', many thanks', '. thank you'])}${END()}`,
  () => `${pick(r, ["it wasn't", 'it was not', 'that was not', "that wasn't", 'the return was not', 'setting it up was not'])} ${pick(r, ['hard at all', 'difficult at all', 'complicated at all', 'a hassle at all', 'as bad as I feared', 'a problem', 'much effort'])}${pick(r, ['', ', thanks', ', thank you', ', cheers', '. appreciated'])}${END()}`,
  () => `${pick(r, ['no need to apologise', 'no need to apologize', 'no need to say sorry', "don't apologise", 'you do not need to apologise', 'no apology needed'])}${SEP()}${pick(r, ['you fixed it', "it's sorted now", 'it happens', 'you sorted it quickly', 'the new one arrived', 'you got there in the end', 'thanks for the help'])}${END()}`,
  () => `${pick(r, ['never had such good service', 'never expected it to be this easy', "didn't expect such a fast reply", "wouldn't go anywhere else", "I don't know what I'd do without you", "didn't think you'd fix it that quickly", 'not disappointed in the slightest', 'never doubted you'])}${pick(r, ['', ', thanks', ', honestly', ` with the ${THING()}`, ', really'])}${END()}`,
];
const NEGATED_NEGATIVE = [
  () => `${pick(r, ["I'm", 'I am', 'honestly I am', 'really', 'still', '', "we're"])} ${pick(r, ['not happy', 'not pleased', 'not satisfied', 'not impressed', 'not okay with this', 'not amused', 'not thrilled'])}${pick(r, ['', ' with this', ' with the answer', ' with how this went', ' about the ' + THING(), ' at all', ' with the service', ' with the ' + THING(), ' one bit'])}${pick(r, ['', '', '.', '!', '. sort it out', '. what now?'])}`,
  () => `${pick(r, ['the ' + THING(), 'my ' + THING(), 'the app', 'the website', 'the login', 'it'])} ${pick(r, ['is still not working', 'is not working', 'is not fixed', 'is not sorted', 'is not resolved', 'is still not showing', "still isn't working", "still doesn't work", "won't load", "won't connect", "won't open", 'keeps failing', 'is not loading'])}${pick(r, ['', '', ' again', ' since ' + TIME(), ' after the reset', ' after your fix', ' even after the update', ', what now?', ' and I need it today', ' and nobody can say why'])}${pick(r, ['', '.', '!', '??'])}`,
  () => `${pick(r, ['that was', 'this is', 'your reply was', 'the last agent was', 'the chatbot was', 'honestly that was', 'the article you sent was', 'your answer is'])} ${pick(r, ['not helpful', 'not helpful at all', 'not useful', 'no help', 'no help at all', 'of no use', 'not good enough', 'not what I asked', 'not an answer', 'no use whatsoever'])}${pick(r, ['', '', '.', '!', ', sorry', '. again'])}`,
  () => `${pick(r, ['a voucher', 'ten percent off', 'an apology', 'a credit note', 'a callback next week', 'that offer', 'another replacement', 'a standard reply'])} ${pick(r, ['is not good enough', 'is not enough', "won't cut it", "doesn't fix this", 'is not acceptable', 'is not what I want'])}${pick(r, ['', '.', ', I want a refund', ', sorry', '!'])}`,
  () => `${pick(r, ['never again', 'never ordering from you again', 'never using you again', "won't be ordering again", "won't be back", "won't recommend you", 'not coming back'])}${pick(r, ['', '', ` after this ${THING()}`, ', seriously', `. cancel my ${THING()}`, ' after the way I was treated', ' with anything'])}${pick(r, ['', '.', '!'])}`,
  () => `${pick(r, ['nobody answers', 'nobody replied', 'nobody called me back', 'no one picks up', 'no one got back to me', 'no response', 'no reply', 'no answer', 'no update', 'still no answer', 'not a word from anyone', 'nobody reads my messages'])}${pick(r, ['', ` about my ${THING()}`, ` since ${TIME()}`, ' to my emails', ' on the phone either', ' for days'])}${pick(r, ['', '.', '!', '??', '. why?'])}`,
  () => `${pick(r, ['the fix', 'the update', 'the reset', 'your last reply', 'the technician', 'the new ' + THING(), 'restarting it', 'the password reset'])} ${pick(r, ["didn't fix anything", "didn't help", "didn't change anything", "hasn't fixed it", 'made no difference', 'solved nothing', 'did nothing', "didn't work"])}${pick(r, ['', '', `, the ${THING()} is the same`, ', same error', ' at all', ' either'])}${pick(r, ['', '.', '!'])}`,
  () => `${pick(r, ["I can't keep doing this", "I can't get through to anyone", "I can't get a straight answer", "I don't want another apology", "I don't want excuses", "I can't believe nobody checked", "I don't trust this anymore", "I don't have time for this"])}${pick(r, ['', '', `, my ${THING()} is still wrong`, ' anymore', `. fix my ${THING()}`, ', seriously'])}${pick(r, ['', '.', '!'])}`,
  () => `${pick(r, ['this', 'charging me twice', 'closing my ticket', "a week's delay", 'losing my ' + THING(), 'cancelling without asking'])} ${pick(r, ['is not acceptable', 'is not fair', 'is not right', 'is not on', 'is not okay', "isn't acceptable", "isn't fair"])}${pick(r, ['', '.', '!', '. at all'])}`,
];
const NEUTRAL_NEGATION = [
  () => `${pick(r, ['no', 'nope', 'no,', 'not yet,', 'no, not yet,', 'not really,', 'not sure,'])} ${pick(r, ["it's the same email", 'I used my work email', 'the address is correct', "I haven't checked", 'it was paid by card', `the order number is ${NUM()}`, 'just the one', 'I only have one account', `it was ${TIME()}`, "I'll check and come back", "it's the old card", 'it was sent to my office', "I didn't change anything", 'I have the receipt here', 'nobody else has access', "it's a different order", 'it was the blue one', 'I ordered it online', 'the phone number is still the same'])}${pick(r, ['', '', '.'])}`,
  () => `${pick(r, ['How do I report', 'Where can I report', 'Who do I talk to about', 'Can I log', 'What is the process for reporting', 'Is there a form for'])} ${pick(r, ['a problem', 'an issue', 'a fault', 'an error', 'a mistake', 'a missing item'])} ${pick(r, ['with my ' + THING(), 'on my bill', 'with ' + DETAIL(), 'on the website', 'with a ' + THING()])}?`,
  () => `${pick(r, ['Quick question regarding', "I'm writing about", 'I have a query about', 'Hello, checking on'])} ${pick(r, ['a problem', 'an issue', 'a charge', 'an error', 'a mistake'])} ${pick(r, ['on my', 'in my', 'with the'])} ${THING()}${pick(r, ['', '.', ', order ' + NUM()])}`,
  () => `What ${pick(r, ['happens', 'do I do', 'should I do'])} if ${THE()} ${pick(r, ["isn't", 'is not', "hasn't been", 'was not'])} ${pick(r, ['delivered', 'paid', 'returned', 'activated', 'collected', 'confirmed'])} ${pick(r, ['by Monday', 'in time', 'this week', 'before the 10th', 'by then'])}?`,
  () => `I ${pick(r, ["don't have", "can't find", "didn't get", "haven't got", 'no longer have'])} ${pick(r, ['the receipt', 'the order number', 'a tracking link', 'the code', 'my account ID', 'the original box', 'the confirmation'])}${pick(r, [', can I use my email instead?', ', is that ok?', ', where would it be?', ', what should I do?', ', does it matter?', ', is there another way?', '. what do you need instead?'])}`,
  () => `${pick(r, ['Okay', 'Ok', 'Alright', 'Right', 'Fine', 'ok then'])}${pick(r, [', ', ' '])}${pick(r, ["I'll", 'I will', 'we will'])} ${pick(r, ['hold on', 'check back tomorrow', 'try again later', 'keep an eye on the email', 'wait for the courier', 'wait until Monday', 'wait for the callback', 'look out for the text', 'wait for the refund to show'])}${pick(r, ['', '.'])}`,
  () => `${pick(r, ['No need to', "There's no need to", "You don't need to"])} ${pick(r, ['call me', 'send a letter', 'escalate it', 'post the form', 'send a technician'])}${pick(r, [', email works', ', I can read it online', ', the chat is fine', ', I will check the app'])}${pick(r, ['', '.'])}`,
  () => `${pick(r, ['Not today', 'Not at the moment', 'Not this week', 'No, not now'])}, ${pick(r, ["I'm travelling", "I'll do it on Monday", 'maybe next month', 'I need to ask my partner first', 'I will call back'])}${pick(r, ['', '.'])}`,
  () => `${pick(r, ['The app', 'The screen', 'The ' + THING() + ' page', 'The router', 'The checkout'])} ${pick(r, ['says', 'shows'])} ${pick(r, ['error', 'code', 'error code'])} ${NUM()}${pick(r, [', what does that mean?', '. is that a known issue?', ', should I do something?', '. what is it?'])}`,
  () => `Is there ${pick(r, ['an outage', 'an issue', 'a problem', 'a fault', 'maintenance'])} ${pick(r, ['in Leeds', 'in my area', 'with the app', 'on your side', 'with payments'])} ${pick(r, ['today', 'right now', 'at the moment', ''])}?`.replace(' ?', '?'),
  () => `no rush, but ${pick(r, ['could you', 'can someone', 'would you'])} ${ACT()} ${DETAIL()}?`,
];

let r: () => number = Math.random;
const ACT = () => pick(r, ACTIONS);
const THING = () => pick(r, THINGS);
const DETAIL = () => pick(r, DETAILS);
const NUM = () => pick(r, NUMBERS);
const TIME = () => pick(r, TIMES);

/**
 * `perClass` messages of each label as TSV rows (label<TAB>text), deduplicated, reproducible by seed,
 * then `negationPerClass` more of each label from the negation templates. The first part does not
 * depend on `negationPerClass`, so 0 reproduces the generator from before the negation templates.
 */
export function supportChatSynthetic(perClass: number, seed = 7, negationPerClass = 0): string {
  r = seededRandom(seed);
  const rows = new Set<string>();
  const generate = (label: string, templates: readonly (() => string)[], count: number) => {
    let made = 0;
    for (let tries = 0; made < count && tries < count * 20; tries++) {
      const text = pick(r, templates)().replace(/\s+/g, ' ').trim();
      const row = `${label}\t${r() < 0.3 ? text.toLowerCase() : text}`;
      if (!rows.has(row)) {
        rows.add(row);
        made++;
      }
    }
  };
  for (const [label, templates] of [['neutral', NEUTRAL], ['negative', NEGATIVE], ['positive', POSITIVE]] as const) generate(label, templates, perClass);
  for (const [label, templates] of [['neutral', NEUTRAL_NEGATION], ['negative', NEGATED_NEGATIVE], ['positive', NEGATED_POSITIVE]] as const) generate(label, templates, negationPerClass);
  return 'label\ttext\n' + [...rows].join('\n') + '\n';
}
