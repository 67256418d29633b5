// Opens the desktop's local store as one unit: the SQLite file, the at-rest key, the in-memory
// search indexes and one repository per concept. The store serves as soon as it is open; the
// indexes are rebuilt from the sealed rows in the background (search-index-build.ts).
import type { Clock } from '../../../shared/clock';
import type { Disposable } from '../../../shared/lifecycle';
import { AtRestCipher } from './at-rest-cipher';
import { CustomersRepository } from './customers-repository';
import { DraftsRepository } from './drafts-repository';
import { HandoffEventLog } from './handoff-event-log';
import { HandoffsRepository } from './handoffs-repository';
import type { KeyProvider } from './key-provider';
import { NotesRepository } from './notes-repository';
import { OutboxRepository } from './outbox-repository';
import { ReplyLibraryRepository } from './reply-library-repository';
import { SearchIndex } from './search-index';
import { SearchIndexBuild } from './search-index-build';
import { SettingsRepository } from './settings-repository';
import { StoreDatabase, type StoreDatabaseOptions } from './store-database';
import { silentStoreLog, type StoreLog } from './store-log';

export const STORE_FILE_NAME = 'baton-local.sqlite';

export interface LocalStoreOptions extends StoreDatabaseOptions {
  /** Path of the SQLite file, usually join(appDataFolder, STORE_FILE_NAME). */
  path: string;
  keyProvider: KeyProvider;
  clock?: Clock;
  log?: StoreLog;
  /** Rows per background index batch at most (one transaction each); see search-index-build.ts. */
  indexBatchSize?: number;
  /** What one index batch should take (ms); Infinity keeps batches at indexBatchSize rows. */
  indexBatchMs?: number;
}

export class LocalStore implements Disposable {
  readonly notes: NotesRepository;
  readonly outbox: OutboxRepository;
  readonly handoffs: HandoffsRepository;
  readonly customers: CustomersRepository;
  readonly drafts: DraftsRepository;
  readonly settings: SettingsRepository;
  readonly replies: ReplyLibraryRepository;
  readonly events: HandoffEventLog;
  readonly index: SearchIndex;
  /** The background rebuild of the search indexes; `indexing.finished` settles when it is over. */
  readonly indexing: SearchIndexBuild;

  private constructor(
    readonly database: StoreDatabase,
    readonly cipher: AtRestCipher,
    readonly log: StoreLog,
    batch: Pick<LocalStoreOptions, 'indexBatchSize' | 'indexBatchMs'>,
  ) {
    this.index = new SearchIndex(database);
    this.notes = new NotesRepository(database, cipher, this.index);
    this.outbox = new OutboxRepository(database, cipher);
    this.handoffs = new HandoffsRepository(database, cipher, this.index);
    this.customers = new CustomersRepository(database, cipher, this.index);
    this.drafts = new DraftsRepository(database, cipher);
    this.settings = new SettingsRepository(database);
    this.events = new HandoffEventLog(database);
    this.replies = new ReplyLibraryRepository(database, cipher, log);
    this.indexing = new SearchIndexBuild(database, this.index, [this.notes.indexSource(), this.handoffs.indexSource(), this.customers.indexSource()], {
      log,
      ...(batch.indexBatchSize !== undefined ? { batchSize: batch.indexBatchSize } : {}),
      ...(batch.indexBatchMs !== undefined ? { batchMs: batch.indexBatchMs } : {}),
    });
  }

  static async open(options: LocalStoreOptions): Promise<LocalStore> {
    const key = await options.keyProvider.getKey();
    const database = StoreDatabase.open(options.path, options);
    try {
      const store = new LocalStore(database, new AtRestCipher(key), options.log ?? silentStoreLog, options);
      // The build finds an unreadable row only later and only skips it; a wrong key must be refused now.
      store.notes.checkKey();
      store.handoffs.checkKey();
      store.customers.checkKey();
      // Synchronously, before the store is handed out: the build's end marks must precede any write.
      store.indexing.start();
      return store;
    } catch (error) {
      database.dispose();
      throw error;
    }
  }

  get clock(): Clock {
    return this.database.clock;
  }

  /** One short write transaction (see StoreDatabase.transaction). */
  transaction<T>(label: string, work: () => T): T {
    return this.database.transaction(label, work);
  }

  dispose(): void {
    // Stopped first: no batch may run against a closed database.
    this.indexing.dispose();
    this.database.dispose();
  }
}
