// Resolving a conversation asks one question with one click: how good was this handoff? The
// grade (and optional comment) goes to the hub and from there to the bot platform.
import { useId, useState } from 'react';
import { FEEDBACK_GRADES, type FeedbackGrade } from '../../shared/domain';
import { resolveHandoff } from '../services/baton-client';
import { GRADE_LABELS } from '../format/labels';

export function ResolvePanel({ handoffId, onCancel }: { handoffId: string; onCancel(): void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const commentId = useId();

  const resolve = async (grade: FeedbackGrade | undefined) => {
    setBusy(true);
    const done = await resolveHandoff(handoffId, grade, comment.trim() || undefined);
    if (!done) setBusy(false);
  };

  return (
    <section className="card resolve-panel" aria-labelledby="resolve-heading">
      <h3 id="resolve-heading">Resolve and rate this handoff</h3>
      <label htmlFor={commentId}>Comment for the team (optional)</label>
      <textarea id={commentId} rows={2} maxLength={5_000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="grade-buttons" role="group" aria-label="Handoff grade">
        {FEEDBACK_GRADES.map((grade) => (
          <button
            key={grade}
            type="button"
            className={grade === 'good_handoff' ? 'button button-primary' : 'button'}
            disabled={busy}
            onClick={() => void resolve(grade)}
          >
            {GRADE_LABELS[grade]}
          </button>
        ))}
      </div>
      <div className="offer-actions">
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void resolve(undefined)}>
          Resolve without rating
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
