// Generated from default-rules.yaml by write-default-rules.ts; edit the YAML, then run
// `npx tsx hub/rules/write-default-rules.ts`. Embedded as text so the defaults load the same under
// tsx, Vitest and an electron-vite bundle (no file to find at run time); a test fails on drift.
import { parseRules } from './parse-rules';
import type { RuleSet } from './rule-set';

export const DEFAULT_RULES_YAML = `# Baton's default escalation rules. The format is described in docs/rules.md.
# The hub uses these when it is started without --rules; copy this file to start your own.
#
# Strategy all-match: every rule that matches contributes. The most urgent priority and the
# shortest SLA win, skills add up, and queue and customer message come from the first matching
# rule that sets them, so the more specific rules sit higher in the file.
#
# Skills named here (agents need them to be offered the handoff): escalations, vip,
# de-escalation, technical, tier2, billing, retention, spanish, german, french.
version: 1
strategy: all-match
trendWindow: 3

defaults:
  priority: P3
  queue: general
  skills: []
  slaSeconds: 600
  alertSupervisor: false
  customerMessage: >-
    Thanks for your patience, {{customerFirstName}}. A member of our support team is joining this
    conversation and can see everything so far, so you will not need to repeat yourself.
    Expected wait: {{expectedWait}}.

businessHours:
  timezone: Europe/London
  days: [mon, tue, wed, thu, fri]
  start: "08:00"
  end: "20:00"

rules:
  # Outside business hours the customer hears first that fewer people are on shift.
  - id: after-hours
    description: Fewer people on shift
    when:
      businessHours: false
    then:
      customerMessage: >-
        Thanks for your patience, {{customerFirstName}}. Our team is smaller outside our main hours
        ({{businessHours}}), but a person is joining this conversation and can see everything so far.
        Expected wait: {{expectedWait}}.

  - id: legal-or-chargeback-threat
    description: Customer mentions legal action, a chargeback or the press
    when:
      keywords: [lawyer, attorney, legal action, sue, chargeback, dispute the charge, ombudsman, trading standards, journalist, abogado, denuncia, Anwalt, Klage, avocat, plainte]
    then:
      priority: P1
      queue: escalations
      skills: [escalations]
      slaSeconds: 120
      alertSupervisor: true
      customerMessage: >-
        I understand this is serious, {{customerFirstName}}. I am bringing in a senior member of our
        team who can see our whole conversation. Expected wait: {{expectedWait}}.

  - id: vip-upset
    description: VIP or premium customer who is upset
    when:
      tier: [vip, premium]
      sentimentScore: { lte: -0.5 }
    then:
      priority: P1
      queue: vip
      skills: [vip]
      slaSeconds: 60
      alertSupervisor: true
      customerMessage: >-
        I am sorry this has been frustrating, {{customerFirstName}}. I am connecting you with a senior
        member of our team right now; they can see our whole conversation. Expected wait: {{expectedWait}}.

  - id: vip-customer
    description: VIP or high-value customer
    when:
      any:
        - trigger: vip_customer
        - tier: vip
        - lifetimeValue: { gte: 10000 }
    then:
      priority: P1
      queue: vip
      skills: [vip]
      slaSeconds: 120

  - id: negative-sentiment
    description: Customer is upset
    when:
      any:
        - trigger: negative_sentiment
        - sentimentScore: { lte: -0.6 }
    then:
      priority: P2
      skills: [de-escalation]
      slaSeconds: 180
      customerMessage: >-
        I am sorry about this, {{customerFirstName}}. A member of our support team is joining now and
        can see everything we have discussed, so you will not need to repeat yourself.
        Expected wait: {{expectedWait}}.

  - id: sentiment-falling
    description: Customer is getting more upset with each message
    when:
      sentimentTrend: { lte: -0.4 }
      sentimentScore: { lt: 0 }
    then:
      priority: P2
      skills: [de-escalation]
      slaSeconds: 180

  - id: repeated-failed-attempts
    description: The bot failed to help several times
    when:
      any:
        - trigger: failed_attempts
        - failedAttempts: { gte: 3 }
    then:
      priority: P2
      slaSeconds: 240

  - id: cancellation-risk
    description: Customer wants to cancel, so retention takes it
    when:
      any:
        - intent: [cancellation*, cancel*, close_account*]
        - keywords: [cancel my account, cancel my subscription, close my account]
    then:
      priority: P2
      queue: retention
      skills: [retention]
      slaSeconds: 300

  - id: human-requested
    description: Customer asked for a person
    when:
      trigger: human_requested
    then:
      priority: P3
      slaSeconds: 300
      customerMessage: >-
        Of course, {{customerFirstName}}. I am getting a person for you now; they can see everything
        we have discussed. Expected wait: {{expectedWait}}.

  - id: complex-technical
    description: Complex multi-step technical problem
    when:
      trigger: complex_request
      intent: [login*, account*, technical*, integration*, data*, device*]
    then:
      priority: P3
      queue: technical
      skills: [technical]
      slaSeconds: 600

  - id: complex-request
    description: Complex multi-step request
    when:
      trigger: complex_request
    then:
      priority: P3
      queue: tier2
      skills: [tier2]
      slaSeconds: 600

  - id: unknown-query
    description: The bot did not understand the request
    when:
      any:
        - trigger: unknown_query
        - botConfidence: { lt: 0.3 }
    then:
      priority: P3
      slaSeconds: 600

  - id: billing-topic
    description: Billing, payment or refund question
    when:
      intent: [billing*, refund*, invoice*, payment*]
    then:
      queue: billing
      skills: [billing]

  - id: live-channel
    description: Customer is waiting live on the phone
    when:
      channel: voice
    then:
      priority: P2
      slaSeconds: 90

  - id: language-spanish
    when:
      language: es
    then:
      skills: [spanish]

  - id: language-german
    when:
      language: de
    then:
      skills: [german]

  - id: language-french
    when:
      language: fr
    then:
      skills: [french]

  # Every handoff reaches a person. Under all-match this only decides what no rule above set.
  - id: catch-all
    description: Any other handoff
    when: {}
    then:
      priority: P4
      queue: general
      slaSeconds: 900
`;

function loadDefaultRules(): RuleSet {
  const result = parseRules(DEFAULT_RULES_YAML, 'yaml');
  // A broken default file is a programming error that the tests catch; fail loudly at load.
  if (!result.ok) throw new Error(`the built-in default rules are invalid: ${result.errors.join('; ')}`);
  return result.rules;
}

export const DEFAULT_RULES: RuleSet = loadDefaultRules();
