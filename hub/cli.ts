// `npm run hub -- ...`: start the hub, or administer its agents.
//
//   npm run hub -- [--port 8787] [--host 127.0.0.1] [--db FILE] [--rules FILE] [--webhook URL]
//                  [--webhook-secret S] [--secret S] [--tls-cert FILE --tls-key FILE]
//                  [--offer-timeout SECONDS]
//   npm run hub -- agents add --id ID --name NAME [--role agent|supervisor] [--skills a,b]
//                  [--capacity N] [--token T] [--db FILE]
//   npm run hub -- agents list [--db FILE]
//   npm run hub -- agents revoke --id ID [--db FILE]
//
// The secret can come from BATON_HUB_SECRET instead of the command line (which other users of the
// machine can read). The first line on stdout says where the hub listens.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Agent, Role } from '../shared/domain';
import { createHub, type Hub } from './index';
import { stderrLog } from './hub-log';
import { listAgents, revokeAgent, upsertAgent, getAgent } from './store/agent-queries';
import { openHubDatabase } from './store/database';
import { generateToken, hashToken } from './token-hash';

export const DEFAULT_DB_PATH = '.baton-data/hub.sqlite';
export const DEFAULT_PORT = 8787;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

export class UsageError extends Error {}

const USAGE = `usage:
  npm run hub -- [--port 8787] [--host 127.0.0.1] [--db FILE] [--rules FILE] [--webhook URL] [--webhook-secret S]
                 [--secret S | env BATON_HUB_SECRET] [--tls-cert FILE --tls-key FILE] [--offer-timeout SECONDS]
  npm run hub -- agents add --id ID --name NAME [--role agent|supervisor] [--skills a,b] [--capacity N] [--token T] [--db FILE]
  npm run hub -- agents list [--db FILE]
  npm run hub -- agents revoke --id ID [--db FILE]`;

/** Runs an admin command; returns the exit code. Starting the server is `startHubFromArgs`. */
export function runAgentsCommand(args: string[], io: CliIo): number {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string', default: DEFAULT_DB_PATH },
      id: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'agent' },
      skills: { type: 'string', default: '' },
      capacity: { type: 'string', default: '3' },
      token: { type: 'string' },
    },
    strict: true,
  });
  const dbPath = resolve(values.db);
  mkdirSync(dirname(dbPath), { recursive: true });
  const db = openHubDatabase(dbPath);
  try {
    switch (action) {
      case 'add': {
        if (!values.id || !values.name) throw new UsageError('agents add needs --id and --name');
        const role = Role.safeParse(values.role);
        if (!role.success) throw new UsageError(`--role must be one of ${Role.options.join(', ')}`);
        const capacity = Number(values.capacity);
        const skills = values.skills
          .split(',')
          .map((skill) => skill.trim())
          .filter(Boolean);
        const profile = Agent.pick({ id: true, name: true, role: true, skills: true, capacity: true }).safeParse({
          id: values.id,
          name: values.name,
          role: role.data,
          skills,
          capacity,
        });
        if (!profile.success) throw new UsageError(profile.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join('; '));
        const token = values.token ?? generateToken();
        if (token.length < 16) throw new UsageError('--token must be at least 16 characters (or leave it out to get a random one)');
        const existed = getAgent(db, values.id) !== undefined;
        upsertAgent(db, { ...profile.data, tokenHash: hashToken(token) }, Date.now());
        io.out(`${existed ? 'updated' : 'added'} ${profile.data.role} ${profile.data.id} (${profile.data.name})`);
        io.out(`token: ${token}`);
        io.out('The hub keeps only a hash of this token: store it now, it cannot be shown again.');
        return 0;
      }
      case 'list': {
        const agents = listAgents(db, { includeRevoked: true });
        if (agents.length === 0) io.out('no agents');
        for (const agent of agents) {
          const status = agent.revokedAt === null ? 'active' : `revoked ${new Date(agent.revokedAt).toISOString()}`;
          io.out(`${agent.id}\t${agent.role}\t${agent.name}\tskills=${agent.skills.join(',') || '-'}\tcapacity=${agent.capacity}\t${status}`);
        }
        return 0;
      }
      case 'revoke': {
        if (!values.id) throw new UsageError('agents revoke needs --id');
        if (!revokeAgent(db, values.id, Date.now())) {
          io.err(`no active agent ${values.id}`);
          return 1;
        }
        io.out(`revoked ${values.id}; a running hub disconnects them within seconds`);
        return 0;
      }
      default:
        throw new UsageError(`unknown agents command ${JSON.stringify(action ?? '')}`);
    }
  } finally {
    db.close();
  }
}

export async function startHubFromArgs(args: string[], io: CliIo): Promise<Hub> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string', default: DEFAULT_DB_PATH },
      rules: { type: 'string' },
      webhook: { type: 'string' },
      'webhook-secret': { type: 'string' },
      secret: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'offer-timeout': { type: 'string' },
    },
    strict: true,
  });
  const secret = values.secret ?? io.env.BATON_HUB_SECRET;
  if (!secret) throw new UsageError('give the shared secret with --secret or the BATON_HUB_SECRET environment variable');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be 0-65535');
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together');
  if (values.webhook !== undefined) {
    let url: URL;
    try {
      url = new URL(values.webhook);
    } catch {
      throw new UsageError('--webhook must be a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--webhook must be an http(s) URL');
  }
  let offerTimeoutMs: number | undefined;
  if (values['offer-timeout'] !== undefined) {
    const seconds = Number(values['offer-timeout']);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--offer-timeout must be a positive number of seconds');
    offerTimeoutMs = Math.round(seconds * 1000);
  }
  const dbPath = values.db === ':memory:' ? values.db : resolve(values.db);
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const hub = await createHub({
    host: values.host,
    port,
    dbPath,
    secret,
    ...(values.rules ? { rulesPath: resolve(values.rules) } : {}),
    ...(values.webhook ? { webhookUrl: values.webhook } : {}),
    ...(values['webhook-secret'] ? { webhookSecret: values['webhook-secret'] } : {}),
    ...(values['tls-cert'] && values['tls-key']
      ? { tls: { cert: readFileSync(values['tls-cert'], 'utf8'), key: readFileSync(values['tls-key'], 'utf8') } }
      : {}),
    ...(offerTimeoutMs ? { offerTimeoutMs } : {}),
    log: stderrLog,
  });
  io.out(`Baton hub listening on ${hub.url} (WebSocket ${hub.wsUrl}, database ${dbPath})`);
  return hub;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const io: CliIo = { out: (line) => process.stdout.write(line + '\n'), err: (line) => process.stderr.write(line + '\n'), env: process.env };
  try {
    if (args[0] === 'agents') {
      process.exitCode = runAgentsCommand(args.slice(1), io);
      return;
    }
    if (args[0] === '--help' || args[0] === '-h') {
      io.out(USAGE);
      return;
    }
    const hub = await startHubFromArgs(args, io);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      stderrLog.info(`${signal}: closing connections and the database`);
      hub.close().then(
        () => process.exit(0),
        (error: unknown) => {
          stderrLog.error('shutdown failed', error);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    io.err(`hub failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
