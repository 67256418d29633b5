// A child process for the crash-safety test: writes notes through the real NotesService as fast as
// it can and prints each note's id only after `create` returned (i.e. after the commit). The test
// kills it with SIGKILL mid-stream. Usage: tsx crash-writer.ts <store file> <key file> [replies]
// With `replies` it saves reply macros and counts uses instead, reporting each after its commit.
import { FileKeyProvider } from './key-provider';
import { LocalStore } from './local-store';
import { NotesService } from './notes-service';

const [path, keyPath] = process.argv.slice(2);
if (!path || !keyPath) {
  process.stderr.write('usage: crash-writer <store file> <key file>\n');
  process.exit(2);
}
const store = await LocalStore.open({ path, keyProvider: new FileKeyProvider(keyPath) });
const notes = new NotesService(store, { authorId: () => 'agent-crash' });
process.stdout.write('ready\n');
if (process.argv[4] === 'replies') {
  for (let i = 0; ; i++) {
    store.replies.saveMacros([{ id: `crash-${i}`, origin: 'team', title: `Crash ${i}`, intent: 'test', text: `Reply ${i} for {{customer.firstName}}`, examples: [`example ${i}`] }]);
    const uses = store.replies.recordUse(`crash-${i % 5}`);
    process.stdout.write(`saved crash-${i} ${uses}\n`);
  }
}
for (let i = 0; ; i++) {
  const note = notes.create({ kind: 'customer', customerId: `c-${i % 50}` }, `crash note ${i} ${'x'.repeat(i % 400)}`);
  if (i % 3 === 0) notes.update(note.id, `crash note ${i} edited`);
  process.stdout.write(`saved ${note.id}\n`);
}
