import { describe, expect, test } from 'vitest';
import type { ReportRow } from '../../../shared/supervision';
import { csvCell, REPORT_CSV_COLUMNS, reportRowsToCsv } from './report-csv';

const row: ReportRow = {
  handoffId: 'h1',
  receivedAt: '2026-03-01T10:00:00.000Z',
  trigger: 'vip_customer',
  queue: 'vip, gold',
  priority: 'P1',
  status: 'resolved',
  rules: 'vip-fast-lane angry',
  slaDeadline: '2026-03-01T10:02:00.000Z',
  slaBreached: false,
  acceptedAt: '2026-03-01T10:00:12.000Z',
  timeToAcceptMs: 12_000,
  finishedAt: null,
  transfers: 0,
  missedOffers: 1,
  moodAtHandoff: -0.5,
  moodAtEnd: 0.25,
  grade: 'good_handoff',
  summaryAccurate: true,
  escalationWarranted: null,
  agentId: 'ann',
};

describe('report CSV', () => {
  test('a header line, then one line per row in the column order, CRLF-terminated', () => {
    const csv = reportRowsToCsv([row]);
    const [header, line, end] = csv.split('\r\n');
    expect(header).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(line).toBe(
      'h1,2026-03-01T10:00:00.000Z,vip_customer,"vip, gold",P1,resolved,vip-fast-lane angry,2026-03-01T10:02:00.000Z,false,2026-03-01T10:00:12.000Z,12000,,0,1,-0.5,0.25,good_handoff,true,,ann',
    );
    expect(end).toBe('');
  });

  test('quotes, commas and newlines are quoted; formula-looking text is defused; numbers are not', () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
  });
});
