// Simulated colleagues for demo mode, so a lead signed in with `--demo --as supervisor` sees a team
// at work: a few agents, each a real hub connection (HubLink), who accept most offers after a
// moment, sometimes decline or let one time out, resolve their conversations with feedback, step
// away now and then, and occasionally raise a hand. Behaviour runs on the injected clock and random.
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { FeedbackGrade, Presence } from '../../../shared/domain';
import type { Disposable } from '../../../shared/lifecycle';
import { HubLink } from '../hub-link/hub-link';
import type { Logger } from '../logger';

export interface DemoColleague {
  id: string;
  name: string;
  skills: string[];
  capacity: number;
}

const ALL_SKILLS = ['escalations', 'vip', 'de-escalation', 'retention', 'technical', 'tier2', 'billing', 'spanish', 'german', 'french'];

export const DEMO_COLLEAGUES: readonly DemoColleague[] = [
  { id: 'demo-priya', name: 'Priya Shah', skills: ALL_SKILLS, capacity: 3 },
  { id: 'demo-marco', name: 'Marco Rossi', skills: ALL_SKILLS.filter((s) => s !== 'german'), capacity: 2 },
  { id: 'demo-lena', name: 'Lena Fischer', skills: ALL_SKILLS.filter((s) => s !== 'spanish'), capacity: 3 },
  { id: 'demo-kenji', name: 'Kenji Watanabe', skills: ['escalations', 'technical', 'tier2', 'billing', 'de-escalation'], capacity: 2 },
];

export interface ColleagueBehaviour {
  /** Offer → accept, in ms (random within). */
  acceptMs: [number, number];
  /** Accepted → resolved. */
  handleMs: [number, number];
  /** Share of offers declined, and share left to time out. */
  declineShare: number;
  ignoreShare: number;
  /** How often each colleague reconsiders their presence (and may raise a hand). */
  moodSwingMs: [number, number];
}

export const DEFAULT_BEHAVIOUR: ColleagueBehaviour = {
  acceptMs: [4_000, 25_000],
  handleMs: [45_000, 150_000],
  declineShare: 0.08,
  ignoreShare: 0.07,
  moodSwingMs: [60_000, 180_000],
};

const GRADES: FeedbackGrade[] = ['good_handoff', 'good_handoff', 'good_handoff', 'summary_wrong', 'should_have_been_automated', 'escalated_too_late'];
const HANDS = ['Customer asks for a refund above my limit', 'Can someone check this VIP account?', 'Customer is threatening to cancel: advice?'];

export class DemoColleagues implements Disposable {
  private readonly links: HubLink[] = [];
  private readonly timers = new Set<TimerHandle>();
  private stopped = false;

  constructor(
    private readonly options: {
      hubUrl: string;
      colleagues: ReadonlyArray<DemoColleague & { token: string }>;
      clock: Clock;
      random: () => number;
      log: Logger;
      behaviour?: ColleagueBehaviour;
    },
  ) {}

  start(): void {
    for (const colleague of this.options.colleagues) {
      const link = new HubLink({ url: this.options.hubUrl, token: colleague.token, client: { name: 'baton-demo-colleague', version: '1' } });
      this.links.push(link);
      link.on('offer', ({ handoff }) => this.onOffer(link, handoff.id));
      link.start();
      this.scheduleMoodSwing(link);
    }
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) this.options.clock.clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.links.map((link) => link.stop()));
  }

  private get behaviour(): ColleagueBehaviour {
    return this.options.behaviour ?? DEFAULT_BEHAVIOUR;
  }

  private onOffer(link: HubLink, handoffId: string): void {
    const roll = this.options.random();
    if (roll < this.behaviour.ignoreShare) return; // lets it time out: shows as a missed offer
    if (roll < this.behaviour.ignoreShare + this.behaviour.declineShare) {
      this.after([1_000, 5_000], () => void link.decline(handoffId, 'Busy with another customer'));
      return;
    }
    this.after(this.behaviour.acceptMs, async () => {
      const accepted = await link.accept(handoffId);
      if (!accepted.ok) return;
      this.after(this.behaviour.handleMs, () => {
        const grade = GRADES[Math.floor(this.options.random() * GRADES.length)]!;
        void link.resolve(handoffId, { handoffId, grade });
      });
    });
  }

  private scheduleMoodSwing(link: HubLink): void {
    this.after(this.behaviour.moodSwingMs, async () => {
      const roll = this.options.random();
      const presence: Presence = roll < 0.75 ? 'available' : roll < 0.9 ? 'busy' : 'away';
      await link.setPresence(presence);
      if (this.options.random() < 0.15) {
        await link.request({ type: 'raise_hand', text: HANDS[Math.floor(this.options.random() * HANDS.length)]! });
      }
      this.scheduleMoodSwing(link);
    });
  }

  private after(range: [number, number], fn: () => void | Promise<void>): void {
    if (this.stopped) return;
    const [min, max] = range;
    const timer = this.options.clock.setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      Promise.resolve(fn()).catch((error: unknown) => this.options.log.warn(`demo colleague: ${error instanceof Error ? error.message : String(error)}`));
    }, Math.round(min + (max - min) * this.options.random()));
    this.timers.add(timer);
  }
}
