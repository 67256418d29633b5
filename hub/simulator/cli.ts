// `npm run sim -- --hub URL --secret S --count N --rate R --seed K`: plays the bot platform against
// a running hub. Ctrl+C stops sending and prints what was done so far.
import { parseSimArgs, SIM_USAGE } from './cli-args';
import { runSimulator, type SimulatorEvent } from './run-simulator';

function describe(event: SimulatorEvent, count: number): string {
  switch (event.type) {
    case 'handoff_accepted':
      return `handoff ${event.index + 1}/${count} accepted: ${event.eventId} -> ${event.handoffId} (${event.status}${event.duplicate ? ', duplicate' : ''}${event.attempts > 1 ? `, ${event.attempts} attempts` : ''})`;
    case 'handoff_failed':
      return `handoff ${event.index + 1}/${count} FAILED: ${event.eventId}: ${event.error}`;
    case 'message_accepted':
      return `  customer message for handoff ${event.index + 1} accepted (${event.eventId})`;
    case 'message_failed':
      return `  customer message for handoff ${event.index + 1} FAILED: ${event.error}`;
    case 'retry':
      return `  retrying ${event.what} ${event.eventId} in ${event.delayMs} ms (attempt ${event.attempt}: ${event.error})`;
  }
}

async function main(): Promise<number> {
  const parsed = parseSimArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    for (const error of parsed.errors) console.error(`sim: ${error}`);
    console.error(SIM_USAGE);
    return 2;
  }
  if ('help' in parsed) {
    console.log(SIM_USAGE);
    return 0;
  }
  const { args } = parsed;
  const abort = new AbortController();
  process.once('SIGINT', () => {
    console.error('sim: stopping (Ctrl+C again to quit at once)');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  console.log(`sim: posting ${args.count} handoffs to ${args.hubUrl} at ${args.rate}/s, seed ${args.seed}${args.followUpMessages ? ', with follow-up messages' : ''}`);
  const summary = await runSimulator({
    hubUrl: args.hubUrl,
    secret: args.secret,
    count: args.count,
    rate: args.rate,
    seed: args.seed,
    followUpMessages: args.followUpMessages,
    signal: abort.signal,
    onEvent: (event) => {
      if (!args.quiet || event.type === 'handoff_failed') console.log(describe(event, args.count));
    },
  });
  console.log(
    `sim: done in ${(summary.durationMs / 1000).toFixed(1)} s${summary.aborted ? ' (stopped early)' : ''}: ` +
      `${summary.posted} posted, ${summary.accepted} accepted, ${summary.duplicates} duplicates, ${summary.failed} failed` +
      `${summary.cancelled ? `, ${summary.cancelled} cancelled` : ''}; ` +
      `customer messages: ${summary.messagesPosted} posted, ${summary.messagesAccepted} accepted, ${summary.messagesFailed} failed; ${summary.retries} retries`,
  );
  if (summary.duplicates > 0) console.log('sim: duplicates mean this seed was posted to this hub before; use another --seed for new handoffs');
  return summary.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('sim: failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
