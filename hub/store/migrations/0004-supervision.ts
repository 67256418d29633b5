// The supervisor view's tables (issue 7):
// - supervisor_audit: every lead action, with who did it.
// - raised_hands: agents asking leads for help, and who answered.
// - handoff_facts / handoff_rule_facts: one narrow row per handoff (and per rule that fired on it)
//   holding exactly what the reports aggregate, clustered by received_at so a date range is one
//   contiguous scan. SQLite triggers keep them in step with handoffs, receipts, messages and
//   feedback, whichever code writes those, so the reports never read the JSON documents and stay
//   fast at a million handoffs (bench/supervisor-reports.ts).
import type { Migration } from '../migrator';

const FEEDBACK_FACTS = `
  grade = json_extract(NEW.document, '$.grade'),
  summary_accurate = COALESCE(json_extract(NEW.document, '$.summaryAccurate'),
    CASE json_extract(NEW.document, '$.grade') WHEN 'summary_wrong' THEN 0 WHEN 'good_handoff' THEN 1 END),
  escalation_warranted = COALESCE(json_extract(NEW.document, '$.escalationWarranted'),
    CASE json_extract(NEW.document, '$.grade') WHEN 'should_have_been_automated' THEN 0 WHEN 'good_handoff' THEN 1 WHEN 'escalated_too_late' THEN 1 END)`;

export const migration0004: Migration = {
  version: 4,
  name: '0004-supervision',
  up(db) {
    db.exec(`
      CREATE TABLE supervisor_audit (
        id INTEGER PRIMARY KEY,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        handoff_id TEXT,
        agent_id TEXT,
        detail TEXT NOT NULL DEFAULT '',
        at INTEGER NOT NULL
      );
      CREATE INDEX supervisor_audit_by_time ON supervisor_audit (at);

      CREATE TABLE raised_hands (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        handoff_id TEXT,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        answered_at INTEGER,
        answered_by TEXT
      );
      CREATE INDEX raised_hands_open ON raised_hands (answered_at, at);

      -- Missed offers per agent in the live view.
      CREATE INDEX handoff_receipts_by_stage ON handoff_receipts (stage, at, agent_id);

      CREATE TABLE handoff_facts (
        received_at INTEGER NOT NULL,
        handoff_id TEXT NOT NULL,
        trigger TEXT NOT NULL,
        queue TEXT NOT NULL,
        priority TEXT NOT NULL,
        status TEXT NOT NULL,
        sla_deadline INTEGER NOT NULL,
        sla_breached INTEGER NOT NULL DEFAULT 0,
        accepted_at INTEGER,
        finished_at INTEGER,
        transfers INTEGER NOT NULL DEFAULT 0,
        missed_offers INTEGER NOT NULL DEFAULT 0,
        mood_at_handoff REAL,
        mood_last REAL,
        grade TEXT,
        summary_accurate INTEGER,
        escalation_warranted INTEGER,
        agent_id TEXT,
        PRIMARY KEY (received_at, handoff_id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX handoff_facts_by_id ON handoff_facts (handoff_id);

      CREATE TABLE handoff_rule_facts (
        received_at INTEGER NOT NULL,
        handoff_id TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        accepted_at INTEGER,
        summary_accurate INTEGER,
        escalation_warranted INTEGER,
        PRIMARY KEY (received_at, handoff_id, rule_id)
      ) WITHOUT ROWID;
      CREATE INDEX handoff_rule_facts_by_handoff ON handoff_rule_facts (handoff_id);

      CREATE TRIGGER handoff_facts_insert AFTER INSERT ON handoffs BEGIN
        INSERT OR IGNORE INTO handoff_facts (received_at, handoff_id, trigger, queue, priority, status, sla_deadline, sla_breached, mood_at_handoff, agent_id)
        VALUES (NEW.received_at, NEW.id, json_extract(NEW.document, '$.handoff.trigger'), NEW.queue, NEW.priority, NEW.status, NEW.sla_deadline,
          COALESCE(json_extract(NEW.document, '$.handoff.slaBreached'), 0), json_extract(NEW.document, '$.handoff.sentimentAtHandoff.score'), NEW.assigned_agent_id);
        INSERT OR IGNORE INTO handoff_rule_facts (received_at, handoff_id, rule_id)
          SELECT DISTINCT NEW.received_at, NEW.id, json_extract(value, '$.ruleId') FROM json_each(NEW.document, '$.handoff.rules');
      END;

      CREATE TRIGGER handoff_facts_update AFTER UPDATE ON handoffs BEGIN
        UPDATE handoff_facts SET
          status = NEW.status, queue = NEW.queue, priority = NEW.priority, sla_deadline = NEW.sla_deadline, agent_id = NEW.assigned_agent_id,
          sla_breached = COALESCE(json_extract(NEW.document, '$.handoff.slaBreached'), 0),
          finished_at = CASE WHEN NEW.status IN ('resolved', 'abandoned') THEN COALESCE(finished_at, NEW.updated_at) ELSE NULL END
        WHERE handoff_id = NEW.id;
      END;

      CREATE TRIGGER handoff_facts_receipt AFTER INSERT ON handoff_receipts
      WHEN NEW.stage IN ('accepted', 'transferred', 'timed_out', 'declined') BEGIN
        UPDATE handoff_facts SET
          accepted_at = CASE WHEN NEW.stage = 'accepted' THEN COALESCE(accepted_at, NEW.at) ELSE accepted_at END,
          transfers = transfers + (NEW.stage = 'transferred'),
          missed_offers = missed_offers + (NEW.stage IN ('timed_out', 'declined'))
        WHERE handoff_id = NEW.handoff_id;
      END;

      CREATE TRIGGER handoff_facts_mood AFTER INSERT ON handoff_messages
      WHEN NEW.author = 'customer' AND json_extract(NEW.document, '$.sentiment.score') IS NOT NULL BEGIN
        UPDATE handoff_facts SET mood_last = json_extract(NEW.document, '$.sentiment.score') WHERE handoff_id = NEW.handoff_id;
      END;

      CREATE TRIGGER handoff_facts_feedback_insert AFTER INSERT ON handoff_feedback BEGIN
        UPDATE handoff_facts SET ${FEEDBACK_FACTS} WHERE handoff_id = NEW.handoff_id;
      END;
      CREATE TRIGGER handoff_facts_feedback_update AFTER UPDATE ON handoff_feedback BEGIN
        UPDATE handoff_facts SET ${FEEDBACK_FACTS} WHERE handoff_id = NEW.handoff_id;
      END;

      -- The rules report reads only handoff_rule_facts: copy what it needs there.
      CREATE TRIGGER handoff_rule_facts_follow AFTER UPDATE OF accepted_at, summary_accurate, escalation_warranted ON handoff_facts BEGIN
        UPDATE handoff_rule_facts SET accepted_at = NEW.accepted_at, summary_accurate = NEW.summary_accurate, escalation_warranted = NEW.escalation_warranted
        WHERE handoff_id = NEW.handoff_id;
      END;
    `);

    // Handoffs stored before this migration: build their facts once.
    db.exec(`
      INSERT OR IGNORE INTO handoff_facts (received_at, handoff_id, trigger, queue, priority, status, sla_deadline, sla_breached, mood_at_handoff, agent_id, finished_at)
        SELECT received_at, id, json_extract(document, '$.handoff.trigger'), queue, priority, status, sla_deadline,
          COALESCE(json_extract(document, '$.handoff.slaBreached'), 0), json_extract(document, '$.handoff.sentimentAtHandoff.score'), assigned_agent_id,
          CASE WHEN status IN ('resolved', 'abandoned') THEN updated_at END
        FROM handoffs;
      INSERT OR IGNORE INTO handoff_rule_facts (received_at, handoff_id, rule_id)
        SELECT DISTINCT h.received_at, h.id, json_extract(r.value, '$.ruleId') FROM handoffs h, json_each(h.document, '$.handoff.rules') r;
      UPDATE handoff_facts SET
        accepted_at = (SELECT MIN(at) FROM handoff_receipts r WHERE r.handoff_id = handoff_facts.handoff_id AND r.stage = 'accepted'),
        transfers = (SELECT COUNT(*) FROM handoff_receipts r WHERE r.handoff_id = handoff_facts.handoff_id AND r.stage = 'transferred'),
        missed_offers = (SELECT COUNT(*) FROM handoff_receipts r WHERE r.handoff_id = handoff_facts.handoff_id AND r.stage IN ('timed_out', 'declined')),
        mood_last = (SELECT json_extract(m.document, '$.sentiment.score') FROM handoff_messages m
          WHERE m.handoff_id = handoff_facts.handoff_id AND m.author = 'customer' AND json_extract(m.document, '$.sentiment.score') IS NOT NULL
          ORDER BY m.at DESC, m.rowid DESC LIMIT 1);
      UPDATE handoff_facts SET
        grade = (SELECT json_extract(f.document, '$.grade') FROM handoff_feedback f WHERE f.handoff_id = handoff_facts.handoff_id),
        summary_accurate = (SELECT COALESCE(json_extract(f.document, '$.summaryAccurate'),
          CASE json_extract(f.document, '$.grade') WHEN 'summary_wrong' THEN 0 WHEN 'good_handoff' THEN 1 END)
          FROM handoff_feedback f WHERE f.handoff_id = handoff_facts.handoff_id),
        escalation_warranted = (SELECT COALESCE(json_extract(f.document, '$.escalationWarranted'),
          CASE json_extract(f.document, '$.grade') WHEN 'should_have_been_automated' THEN 0 WHEN 'good_handoff' THEN 1 WHEN 'escalated_too_late' THEN 1 END)
          FROM handoff_feedback f WHERE f.handoff_id = handoff_facts.handoff_id)
        WHERE handoff_id IN (SELECT handoff_id FROM handoff_feedback);
    `);
  },
};
