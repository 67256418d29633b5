// A child process for the crash-safety test: writes notes through the real NotesService as fast as
// it can and prints each note's id only after `create` returned (i.e. after the commit). The test
// kills it with SIGKILL mid-stream. Usage: tsx crash-writer.ts <store file> <key file> [replies]
// With `replies` it saves reply macros and counts uses instead, reporting each after its commit.
// With `indexing` it opens with small index batches and saves notes while the search index is still
// being built in the background, yielding between saves as the services process does between requests.
import { FileKeyProvider } from './key-provider';
import { LocalStore } from './local-store';
import { NotesService } from './notes-service';

const [path, keyPath] = process.argv.slice(2);
if (!path || !keyPath) {
  process.stderr.write('usage: crash-writer <store file> <key file>\n');
  process.exit(2);
}
const mode = process.argv[4];
const store = await LocalStore.open({ path, keyProvider: new FileKeyProvider(keyPath), ...(mode === 'indexing' ? { indexBatchSize: 50 } : {}) });
const notes = new NotesService(store, { authorId: () => 'agent-crash' });
process.stdout.write('ready\n');
if (mode === 'replies') {
  for (let i = 0; ; i++) {
    store.replies.saveMacros([{ id: `crash-${i}`, origin: 'team', title: `Crash ${i}`, intent: 'test', text: `Reply ${i} for {{customer.firstName}}`, examples: [`example ${i}`] }]);
    const uses = store.replies.recordUse(`crash-${i % 5}`);
    process.stdout.write(`saved crash-${i} ${uses}\n`);
  }
}
if (mode === 'indexing') {
  for (let i = 0; ; i++) {
    const note = notes.create({ kind: 'customer', customerId: `c-${i % 50}` }, `mid build note ${i}`);
    if (i % 2 === 0) notes.update(note.id, `mid build note ${i} edited`);
    process.stdout.write(`saved ${note.id} ${store.indexing.isBuilding ? 'building' : 'built'}\n`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
for (let i = 0; ; i++) {
  const note = notes.create({ kind: 'customer', customerId: `c-${i % 50}` }, `crash note ${i} ${'x'.repeat(i % 400)}`);
  if (i % 3 === 0) notes.update(note.id, `crash note ${i} edited`);
  process.stdout.write(`saved ${note.id}\n`);
}
