// The facts rules look at, derived from one handoff request. Each is computed on first use and
// cached, so fifty rules that all ask about the customer's text or the local time pay for it once.
import type { SentimentLabel } from '../../shared/domain';
import type { ParsedHandoffRequest } from '../../shared/ingest';
import type { BusinessCalendar, LocalTime } from './business-hours';

export class EvaluationContext {
  private text: string | undefined;
  private intentList: string[] | undefined;
  private trendValue: number | null | undefined;
  private local: LocalTime | undefined;
  private open: boolean | undefined;

  constructor(
    readonly request: ParsedHandoffRequest,
    readonly now: Date,
    private readonly calendar: BusinessCalendar | undefined,
    private readonly trendWindow: number,
  ) {}

  /** Everything the customer wrote, one message per line. */
  customerText(): string {
    if (this.text === undefined) {
      let text = '';
      for (const message of this.request.conversation.messages) {
        if (message.author === 'customer') text += message.text + '\n';
      }
      this.text = text;
    }
    return this.text;
  }

  /** The platform's estimate for the handoff, else the newest scored customer message. */
  sentimentScore(): number | undefined {
    if (this.request.sentiment) return this.request.sentiment.score;
    return this.newestCustomerSentiment()?.score;
  }

  sentimentLabel(): SentimentLabel | undefined {
    if (this.request.sentiment) return this.request.sentiment.label;
    return this.newestCustomerSentiment()?.label;
  }

  /**
   * Newest minus oldest score among the last `trendWindow` scored customer messages: below zero the
   * customer is getting more upset. Undefined when fewer than two messages carry a score.
   */
  sentimentTrend(): number | undefined {
    if (this.trendValue === undefined) {
      const scores: number[] = [];
      const messages = this.request.conversation.messages;
      for (let i = messages.length - 1; i >= 0 && scores.length < this.trendWindow; i--) {
        const message = messages[i]!;
        if (message.author === 'customer' && message.sentiment) scores.push(message.sentiment.score);
      }
      this.trendValue = scores.length >= 2 ? scores[0]! - scores[scores.length - 1]! : null;
    }
    return this.trendValue ?? undefined;
  }

  /** The current intent and the recent ones, lower-cased. */
  intents(): string[] {
    if (this.intentList === undefined) {
      const { intent, recentIntents } = this.request.conversation;
      const list = recentIntents.map((value) => value.toLowerCase());
      if (intent) list.push(intent.toLowerCase());
      this.intentList = list;
    }
    return this.intentList;
  }

  language(): string {
    return this.request.conversation.language.toLowerCase();
  }

  hasCalendar(): boolean {
    return this.calendar !== undefined;
  }

  isBusinessHours(): boolean {
    if (this.open === undefined) this.open = this.calendar ? this.calendar.isOpen(this.now) : true;
    return this.open;
  }

  /** For reasons: "Sat 14:05 Europe/Berlin". */
  describeLocalTime(): string {
    if (!this.calendar) return this.now.toISOString();
    this.local ??= this.calendar.localTime(this.now);
    const hours = String(Math.floor(this.local.minutes / 60)).padStart(2, '0');
    const minutes = String(this.local.minutes % 60).padStart(2, '0');
    const day = this.local.weekday[0]!.toUpperCase() + this.local.weekday.slice(1);
    return `${day} ${this.local.date} ${hours}:${minutes} ${this.calendar.spec.timezone}`;
  }

  private newestCustomerSentiment() {
    const messages = this.request.conversation.messages;
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i]!;
      if (message.author === 'customer' && message.sentiment) return message.sentiment;
    }
    return undefined;
  }
}
