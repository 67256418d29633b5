// The full conversation: what the customer, the bot, this agent and the system said, oldest
// first, with live messages appended. It stays pinned to the newest message unless the agent has
// scrolled up to read.
import { useEffect, useId, useLayoutEffect, useMemo, useRef } from 'react';
import type { Message, Sentiment } from '../../shared/domain';
import { useIntelligenceStore } from '../stores/intelligence-store';
import { selectTrend, trendSentiments } from '../stores/intelligence-selectors';
import { useConversationStore } from '../stores/conversation-store';
import { mergeTranscript, selectLiveMessages } from '../stores/conversation-selectors';
import { AUTHOR_LABELS } from '../format/labels';
import { formatClockTime } from '../format/duration';
import { MoodMarker } from './badges';
import { MarkGoodReply } from './mark-good-reply';

const PINNED_SLACK_PX = 48;

export function Transcript({ handoffId, messages }: { handoffId: string; messages: Message[] }) {
  const live = useConversationStore(selectLiveMessages(handoffId));
  const all = useMemo(() => mergeTranscript(messages, live), [messages, live]);
  const scored = trendSentiments(useIntelligenceStore(selectTrend(handoffId)));
  const scrollRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [all.length, handoffId]);

  // The box shrinks when suggestions or the resolve panel appear below it: stay on the newest message.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <section className="transcript" aria-labelledby="transcript-heading">
      <h3 id="transcript-heading" className="section-heading">
        Transcript
      </h3>
      <div
        ref={scrollRef}
        className="transcript-scroll"
        tabIndex={0}
        // The live log is the scroll box, so the messages inside keep their list semantics.
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label="Transcript messages"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < PINNED_SLACK_PX;
        }}
      >
        <ol className="messages">
          {all.map((m) => (
            <MessageItem key={m.id} handoffId={handoffId} message={m} sentiment={m.sentiment ?? scored.get(m.id)} />
          ))}
        </ol>
      </div>
    </section>
  );
}

/** `sentiment`: the platform's score, else the on-device model's; absent when neither scored it. */
function MessageItem({ handoffId, message, sentiment }: { handoffId: string; message: Message; sentiment: Sentiment | undefined }) {
  const textId = useId();
  return (
    <li className={`message message-${message.author}${message.pending ? ' message-not-sent' : ''}`}>
      <div className="message-meta">
        <span className="message-author">{AUTHOR_LABELS[message.author]}</span>
        <time dateTime={message.at}>{formatClockTime(message.at)}</time>
        {message.author === 'customer' && sentiment ? <MoodMarker sentiment={sentiment} /> : null}
      </div>
      <p id={textId} className="message-text">
        {message.text}
      </p>
      {message.author === 'agent' && !message.pending ? <MarkGoodReply handoffId={handoffId} messageId={message.id} describedBy={textId} /> : null}
      {message.pending ? (
        <p className="message-pending" role="note">
          Not sent yet — will send when the hub is back
        </p>
      ) : null}
    </li>
  );
}
