// "Mark as good reply" under each reply this agent sent: keeps it in the reply library as the
// agent's own macro (the customer's details turned back into placeholders, the customer's messages
// before it as examples), so it is suggested again for similar messages.
import { useState } from 'react';
import { markReplyGood } from '../services/baton-client';
import { selectMarkedReply, useRepliesStore } from '../stores/replies-store';

export function MarkGoodReply({ handoffId, messageId, describedBy }: { handoffId: string; messageId: string; describedBy: string }) {
  const marked = useRepliesStore(selectMarkedReply(messageId));
  const [busy, setBusy] = useState(false);
  const mark = async () => {
    if (marked || busy) return;
    setBusy(true);
    await markReplyGood(handoffId, messageId);
    setBusy(false);
  };
  return (
    <button
      type="button"
      className="button button-small button-quiet mark-good"
      aria-describedby={describedBy}
      aria-disabled={marked || busy ? true : undefined}
      onClick={() => void mark()}
    >
      {marked ? 'Saved as good reply' : busy ? 'Saving…' : 'Mark as good reply'}
    </button>
  );
}
