// The hub's logger: anything with info/warn/error. The default writes one line per entry to stderr
// so stdout stays free for the CLI's own output (the URL it listens on).
export interface HubLog {
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

function line(level: string, message: string, data: unknown): string {
  const detail = data instanceof Error ? ` ${data.stack ?? data.message}` : data === undefined ? '' : ` ${safeJson(data)}`;
  return `${new Date().toISOString()} hub ${level} ${message}${detail}\n`;
}

function safeJson(data: unknown): string {
  try {
    return JSON.stringify(data);
  } catch {
    return String(data);
  }
}

export const stderrLog: HubLog = {
  info: (message, data) => process.stderr.write(line('info', message, data)),
  warn: (message, data) => process.stderr.write(line('warn', message, data)),
  error: (message, data) => process.stderr.write(line('error', message, data)),
};

export const silentLog: HubLog = { info() {}, warn() {}, error() {} };
