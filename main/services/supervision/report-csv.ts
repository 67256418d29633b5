// The CSV export of a report's rows (RFC 4180 quoting). Cells that a spreadsheet would run as a
// formula (=, +, -, @ first) are prefixed with an apostrophe: customer-controlled text must not
// become code on a lead's machine.
import type { ReportRow } from '../../../shared/supervision';

export const REPORT_CSV_COLUMNS: readonly (keyof ReportRow)[] = [
  'handoffId',
  'receivedAt',
  'trigger',
  'queue',
  'priority',
  'status',
  'rules',
  'slaDeadline',
  'slaBreached',
  'acceptedAt',
  'timeToAcceptMs',
  'finishedAt',
  'transfers',
  'missedOffers',
  'moodAtHandoff',
  'moodAtEnd',
  'grade',
  'summaryAccurate',
  'escalationWarranted',
  'agentId',
];

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportRowsToCsv(rows: readonly ReportRow[]): string {
  const lines = [REPORT_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(REPORT_CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
