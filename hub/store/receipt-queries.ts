// The path of each handoff through the hub, one timestamped row per step.
import type { HandoffReceipt, HandoffReceiptStage } from '../../shared/domain';
import type { HubDatabase } from './database';
import { statement } from './statement-cache';

export function insertReceipt(
  db: HubDatabase,
  receipt: { handoffId: string; stage: HandoffReceiptStage; agentId?: string | null; detail?: string | null; at: number },
): HandoffReceipt {
  statement(db, 'INSERT INTO handoff_receipts (handoff_id, stage, agent_id, detail, at) VALUES (?, ?, ?, ?, ?)').run(
    receipt.handoffId,
    receipt.stage,
    receipt.agentId ?? null,
    receipt.detail ?? null,
    receipt.at,
  );
  return toReceipt({ handoff_id: receipt.handoffId, stage: receipt.stage, agent_id: receipt.agentId ?? null, detail: receipt.detail ?? null, at: receipt.at });
}

interface ReceiptRow {
  handoff_id: string;
  stage: HandoffReceiptStage;
  agent_id: string | null;
  detail: string | null;
  at: number;
}

function toReceipt(row: ReceiptRow): HandoffReceipt {
  return {
    handoffId: row.handoff_id,
    stage: row.stage,
    ...(row.agent_id ? { agentId: row.agent_id } : {}),
    ...(row.detail ? { detail: row.detail.slice(0, 500) } : {}),
    at: new Date(row.at).toISOString(),
  };
}

export function listReceipts(db: HubDatabase, handoffId: string): HandoffReceipt[] {
  return (statement(db, 'SELECT handoff_id, stage, agent_id, detail, at FROM handoff_receipts WHERE handoff_id = ? ORDER BY id').all(handoffId) as ReceiptRow[]).map(
    toReceipt,
  );
}

/** Whether an agent already reported this stage (with this detail, when given) for this handoff. */
export function hasReceipt(db: HubDatabase, handoffId: string, stage: HandoffReceiptStage, agentId: string, detail?: string | null): boolean {
  if (detail === undefined) {
    return statement(db, 'SELECT 1 FROM handoff_receipts WHERE handoff_id = ? AND stage = ? AND agent_id = ? LIMIT 1').get(handoffId, stage, agentId) !== undefined;
  }
  return (
    statement(db, 'SELECT 1 FROM handoff_receipts WHERE handoff_id = ? AND stage = ? AND agent_id = ? AND detail IS ? LIMIT 1').get(handoffId, stage, agentId, detail) !==
    undefined
  );
}

/** Who was last offered this handoff, and when (restoring offers in flight after a restart). */
export function latestOfferReceipt(db: HubDatabase, handoffId: string): { agentId: string; at: number } | undefined {
  const row = statement(
    db,
    `SELECT agent_id, at FROM handoff_receipts WHERE handoff_id = ? AND stage IN ('offered', 're_offered') AND agent_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
  ).get(handoffId) as { agent_id: string; at: number } | undefined;
  return row ? { agentId: row.agent_id, at: row.at } : undefined;
}
