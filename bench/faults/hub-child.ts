// The hub as a separate process for the fault suite: createHub (what hub/cli.ts runs) with the
// knobs a fault run needs and the CLI does not expose: rate limits off (the senders are all on
// 127.0.0.1 and would be throttled as one client), the heartbeat interval and the offer timeout.
// Run with `node --import tsx` so the process id is the hub's own (SIGKILL hits the hub, and
// /proc/<pid>/status is the hub's memory). Prints "listening on <url>" when ready.
import { parseArgs } from 'node:util';
import { createHub } from '../../hub/index';
import { silentLog } from '../../hub/hub-log';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: '0' },
    secret: { type: 'string' },
    'ping-ms': { type: 'string' },
    'offer-timeout-ms': { type: 'string' },
  },
});
if (!values.db || !values.secret) {
  process.stderr.write('usage: hub-child --db FILE --secret S [--port N] [--ping-ms N] [--offer-timeout-ms N]\n');
  process.exit(2);
}
const hub = await createHub({
  dbPath: values.db,
  port: Number(values.port),
  secret: values.secret,
  httpRateLimit: null,
  frameRateLimit: null,
  log: silentLog,
  ...(values['ping-ms'] ? { pingIntervalMs: Number(values['ping-ms']) } : {}),
  ...(values['offer-timeout-ms'] ? { offerTimeoutMs: Number(values['offer-timeout-ms']) } : {}),
});
process.stdout.write(`listening on ${hub.url} ${hub.wsUrl}\n`);
// Exit even if closing fails: the fault run must not leave a hub behind.
const stop = () => void hub.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
