// Messages after the handoff, stored once per sender-generated id (so retries are harmless), and
// agents' feedback on the handoffs they resolved.
import type { Feedback, Message } from '../../shared/domain';
import type { HubDatabase } from './database';
import { statement } from './statement-cache';

/** Returns false when this message id was stored before for the handoff. */
export function insertMessage(db: HubDatabase, handoffId: string, message: Message, agentId: string | null): boolean {
  return (
    statement(
    db,
        `INSERT INTO handoff_messages (handoff_id, message_id, author, agent_id, text, at, document)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (handoff_id, message_id) DO NOTHING`,
      )
      .run(handoffId, message.id, message.author, agentId, message.text, Date.parse(message.at), JSON.stringify(message)).changes === 1
  );
}

export function getMessage(db: HubDatabase, handoffId: string, messageId: string): Message | undefined {
  const row = statement(db, 'SELECT document FROM handoff_messages WHERE handoff_id = ? AND message_id = ?').get(handoffId, messageId) as
    | { document: string }
    | undefined;
  return row ? (JSON.parse(row.document) as Message) : undefined;
}

export function listMessages(db: HubDatabase, handoffId: string): Message[] {
  return (statement(db, 'SELECT document FROM handoff_messages WHERE handoff_id = ? ORDER BY at, rowid').all(handoffId) as { document: string }[]).map(
    (row) => JSON.parse(row.document) as Message,
  );
}

export function saveFeedback(db: HubDatabase, feedback: Feedback, agentId: string, now: number): void {
  statement(
    db,
    `INSERT INTO handoff_feedback (handoff_id, agent_id, document, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (handoff_id) DO UPDATE SET agent_id = excluded.agent_id, document = excluded.document, at = excluded.at`,
  ).run(feedback.handoffId, agentId, JSON.stringify(feedback), now);
}

export function getFeedback(db: HubDatabase, handoffId: string): Feedback | undefined {
  const row = statement(db, 'SELECT document FROM handoff_feedback WHERE handoff_id = ?').get(handoffId) as { document: string } | undefined;
  return row ? (JSON.parse(row.document) as Feedback) : undefined;
}
