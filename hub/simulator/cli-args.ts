// Command-line arguments of `npm run sim`, checked with messages that say which flag is wrong.
import { parseArgs } from 'node:util';

export const SIM_USAGE = `Usage: npm run sim -- --hub URL [--secret S] [--count N] [--rate R] [--seed K] [--no-follow-ups] [--quiet]

  --hub URL         the hub's base URL, e.g. http://127.0.0.1:8080
  --secret S        the shared signing secret (default: env BATON_HUB_SECRET)
  --count N         handoffs to post (default 20)
  --rate R          handoffs per second (default 2)
  --seed K          random seed; the same seed posts the same handoffs (default 1)
  --no-follow-ups   do not post later customer messages
  --quiet           print only the summary`;

export interface SimCliArgs {
  hubUrl: string;
  secret: string;
  count: number;
  rate: number;
  seed: number;
  followUpMessages: boolean;
  quiet: boolean;
}

export type SimCliParse = { ok: true; args: SimCliArgs } | { ok: true; help: true } | { ok: false; errors: string[] };

function toNumber(flag: string, raw: string | undefined, fallback: number, check: (n: number) => boolean, rule: string, errors: string[]): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) {
    errors.push(`--${flag}: ${rule} (got "${raw}")`);
    return fallback;
  }
  return value;
}

export function parseSimArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): SimCliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        hub: { type: 'string' },
        secret: { type: 'string' },
        count: { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string' },
        'no-follow-ups': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  if (values.help) return { ok: true, help: true };
  const errors: string[] = [];
  const hubUrl = values.hub ?? '';
  if (!hubUrl) errors.push('--hub: required, e.g. --hub http://127.0.0.1:8080');
  else {
    try {
      const url = new URL(hubUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') errors.push(`--hub: use an http:// or https:// URL (got "${hubUrl}")`);
    } catch {
      errors.push(`--hub: "${hubUrl}" is not a URL`);
    }
  }
  const secret = values.secret ?? env.BATON_HUB_SECRET ?? '';
  if (!secret) errors.push('--secret: required (or set BATON_HUB_SECRET)');
  const count = toNumber('count', values.count, 20, (n) => Number.isInteger(n) && n >= 0 && n <= 1_000_000, 'a whole number from 0 to 1000000', errors);
  const rate = toNumber('rate', values.rate, 2, (n) => n > 0 && n <= 10_000, 'a number above 0, at most 10000', errors);
  const seed = toNumber('seed', values.seed, 1, (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32, 'a whole number from 0 to 4294967295', errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, args: { hubUrl, secret, count, rate, seed, followUpMessages: !values['no-follow-ups'], quiet: values.quiet ?? false } };
}
