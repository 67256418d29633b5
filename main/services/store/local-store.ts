// Opens the desktop's local store as one unit: the SQLite file, the at-rest key, the in-memory
// search indexes (rebuilt from the sealed rows) and one repository per concept.
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

  private constructor(
    readonly database: StoreDatabase,
    readonly cipher: AtRestCipher,
    readonly log: StoreLog,
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
  }

  static async open(options: LocalStoreOptions): Promise<LocalStore> {
    const key = await options.keyProvider.getKey();
    const database = StoreDatabase.open(options.path, options);
    try {
      const store = new LocalStore(database, new AtRestCipher(key), options.log ?? silentStoreLog);
      store.rebuildIndexes();
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

  rebuildIndexes(): { notes: number; handoffs: number; customers: number } {
    const notes = this.notes.rebuildIndex();
    const handoffs = this.database.transaction('handoffs.rebuildIndex', () => this.handoffs.rebuildIndex());
    const customers = this.database.transaction('customers.rebuildIndex', () => this.customers.rebuildIndex());
    return { notes, handoffs, customers };
  }

  dispose(): void {
    this.database.dispose();
  }
}
