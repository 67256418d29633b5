// `npm run web -- --port P [--demo] [--hub URL --token T] [--data DIR] [--as agent|supervisor]`:
// parsed and checked here (pure), so mistakes get a sentence that says what to type instead.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { AppConfigInput } from '../services/app-config';
import { DEFAULT_WEB_PORT } from './web-host';

export const WEB_USAGE = `Usage: npm run web -- [--port P] [--demo] [--hub URL --token T] [--data DIR] [--as agent|supervisor]
  --port P        port on 127.0.0.1 (default ${DEFAULT_WEB_PORT}; 0 picks a free one)
  --demo          embedded hub with simulated handoffs (the default when no --hub is given)
  --hub URL       link to this hub instead (needs --token, or BATON_TOKEN in the environment)
  --token T       this agent's hub token
  --data DIR      where local data lives (default ./.baton-data/web)
  --as ROLE       in demo mode, sign in as the demo agent (default) or the demo supervisor`;

export type WebCliOptions =
  | { kind: 'help' }
  | { kind: 'run'; port: number; config: AppConfigInput; notes: string[]; /** --demo was given (a saved hub must not override it). */ demoRequested?: boolean };

export function parseWebCliArgs(argv: string[], env: Record<string, string | undefined> = {}): WebCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      hub: { type: 'string' },
      token: { type: 'string' },
      data: { type: 'string' },
      as: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { kind: 'help' };

  const port = values.port === undefined ? DEFAULT_WEB_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535 (got ${JSON.stringify(values.port)})`);

  const role = values.as ?? 'agent';
  if (role !== 'agent' && role !== 'supervisor') throw new Error(`--as must be "agent" or "supervisor" (got ${JSON.stringify(role)})`);

  const dataDir = resolve(values.data ?? env.BATON_DATA_DIR ?? '.baton-data/web');
  const hubUrl = values.hub ?? env.BATON_HUB_URL;
  const token = values.token ?? env.BATON_TOKEN;
  const notes: string[] = [];

  if (values.demo && values.hub) throw new Error('--demo and --hub exclude each other: demo mode runs its own hub');
  if (!values.demo && hubUrl) {
    if (!token) throw new Error('--hub needs --token T (this agent\'s hub token), or BATON_TOKEN in the environment');
    if (values.as) notes.push('--as only applies in demo mode; with --hub the token decides who you are');
    return { kind: 'run', port, config: { mode: 'hub', hubUrl, token, dataDir }, notes };
  }
  if (!values.demo) notes.push(NO_HUB_NOTE);
  return { kind: 'run', port, config: { mode: 'demo', dataDir, role }, notes, demoRequested: values.demo };
}

const NO_HUB_NOTE = 'No hub given (--hub URL --token T), so Baton runs in demo mode: an embedded hub with simulated handoffs.';

/**
 * The hub saved in Settings (address and token) is used when the command line names none and did
 * not ask for the demo: flags and environment win, then Settings, then the demo.
 */
export function withSavedHub(options: Extract<WebCliOptions, { kind: 'run' }>, saved: { url: string | null; token: string | null }): Extract<WebCliOptions, { kind: 'run' }> {
  if (options.config.mode !== 'demo' || options.demoRequested || !saved.url || !saved.token) return options;
  const notes = options.notes.filter((note) => note !== NO_HUB_NOTE);
  notes.push(`Linking to the hub saved in Settings: ${saved.url}`);
  return { ...options, config: { mode: 'hub', hubUrl: saved.url, token: saved.token, dataDir: options.config.dataDir }, notes };
}
