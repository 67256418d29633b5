// Where the store reports things a person may need to look at (slow queries, purges, recovered
// corruption). The composition root passes the application's logger; tests pass a recorder.
export interface StoreLog {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
}

export const silentStoreLog: StoreLog = { info() {}, warn() {} };
