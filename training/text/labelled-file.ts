// Reads labelled text files (TSV `label<TAB>text`, or CSV with a header such as `text,category`)
// with clear errors that name the file, the line and what is wrong.
import { readFileSync } from 'node:fs';

export interface LabelledText {
  label: string;
  text: string;
  line: number;
}

export class LabelledFileError extends Error {
  override name = 'LabelledFileError';
}

/** Parses a TSV whose header is exactly `label<TAB>text`; labels must be in `allowed` if given. */
export function parseLabelledTsv(content: string, file: string, allowed?: readonly string[]): LabelledText[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim();
  if (header !== 'label\ttext') {
    throw new LabelledFileError(`${file}:1: header must be "label<TAB>text", found ${JSON.stringify((header ?? '').slice(0, 60))}`);
  }
  const rows: LabelledText[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const tab = raw.indexOf('\t');
    if (tab < 0) throw new LabelledFileError(`${file}:${i + 1}: expected label<TAB>text, found no tab`);
    const label = raw.slice(0, tab).trim();
    const text = raw.slice(tab + 1);
    if (allowed && !allowed.includes(label)) {
      throw new LabelledFileError(`${file}:${i + 1}: label ${JSON.stringify(label.slice(0, 40))} is not one of ${allowed.join(', ')}`);
    }
    if (text.trim() === '') throw new LabelledFileError(`${file}:${i + 1}: text is empty`);
    rows.push({ label, text, line: i + 1 });
  }
  if (rows.length === 0) throw new LabelledFileError(`${file}: no rows after the header`);
  return rows;
}

/** Splits CSV content into records (RFC 4180 quoting: "" inside quotes, newlines inside quotes). */
export function parseCsvRecords(content: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const text = content.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Reads a CSV with a header naming `textColumn` and `labelColumn`. */
export function parseLabelledCsv(content: string, file: string, textColumn: string, labelColumn: string): LabelledText[] {
  const [header, ...body] = parseCsvRecords(content);
  if (!header) throw new LabelledFileError(`${file}: empty file`);
  const t = header.indexOf(textColumn);
  const l = header.indexOf(labelColumn);
  if (t < 0 || l < 0) throw new LabelledFileError(`${file}:1: header must name columns ${textColumn} and ${labelColumn}, found ${header.join(',')}`);
  return body.map((r, i) => {
    const text = r[t];
    const label = r[l];
    if (text === undefined || label === undefined || text.trim() === '') throw new LabelledFileError(`${file}: record ${i + 2}: missing ${textColumn} or ${labelColumn}`);
    return { text, label, line: i + 2 };
  });
}

export function readLabelledFile(file: string, options: { allowedLabels?: readonly string[]; textColumn?: string; labelColumn?: string } = {}): LabelledText[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LabelledFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (file.endsWith('.csv')) return parseLabelledCsv(content, file, options.textColumn ?? 'text', options.labelColumn ?? 'category');
  return parseLabelledTsv(content, file, options.allowedLabels);
}
