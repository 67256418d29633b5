// A desktop's services process cut down to what the outbox drain needs, for the fault suite: opens
// the local store, connects the real hub link and drains the outbox with the real OutboxSync. The
// fault run kills it with SIGKILL mid-drain and starts it again on the same file.
// Usage: node --import tsx drain-child.ts <store file> <key file> <hub url> <token>
import { HubLink } from '../../main/services/hub-link/hub-link';
import { FileKeyProvider } from '../../main/services/store/key-provider';
import { LocalStore } from '../../main/services/store/local-store';
import { OutboxSync } from '../../main/services/sync/outbox-sync';
import { hubLinkSyncTransport } from '../../main/services/sync/sync-transport';

const [path, keyPath, url, token] = process.argv.slice(2);
if (!path || !keyPath || !url || !token) {
  process.stderr.write('usage: drain-child <store file> <key file> <hub url> <token>\n');
  process.exit(2);
}
const store = await LocalStore.open({ path, keyProvider: new FileKeyProvider(keyPath) });
const link = new HubLink({ url, token });
// Small batches, so a kill lands between batches as well as inside one.
const sync = new OutboxSync({ store, transport: hubLinkSyncTransport(link), maxBatchChanges: 10 });
process.stdout.write(`pending ${sync.status().pending}\n`);
link.start();
const poll = setInterval(() => {
  const status = sync.status();
  if (status.pending > 0) return;
  clearInterval(poll);
  process.stdout.write(`drained failed=${status.failed}\n`);
  sync.dispose();
  void link.stop().then(async () => {
    await sync.whenIdle();
    store.dispose();
    process.exit(0);
  });
}, 20);
