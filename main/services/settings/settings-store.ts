// The agent's settings on disk: one JSON file in the data folder, replaced atomically (temp file,
// fsync, rename) so a crash mid-write leaves the old file or the new one, never half of each.
// An unreadable or invalid file is kept aside as settings.json.corrupt-<time>, the defaults are
// used and the screen is told. Fields this version does not know (written by a newer Baton) are
// tolerated: read past, and written back untouched at the top level.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../../shared/result';
import { applySettingsPatch, DEFAULT_SETTINGS, Settings, SettingsPatch } from '../../../shared/settings';
import { silentLogger, type Logger } from '../logger';

export const SETTINGS_FILE = 'settings.json';
const FILE_VERSION = 1;

/** Seals the hub token at rest (Electron: the OS keychain through safeStorage). */
export interface TokenSealer {
  seal(plain: string): string;
  unseal(sealed: string): string;
}

/** The token as the file holds it: sealed by the keychain where there is one, plain (owner-only file) otherwise. */
const StoredToken = z.union([z.object({ plain: z.string().min(1).max(500) }), z.object({ sealed: z.string().min(1).max(4_000) })]);

// Partial on purpose: a field missing from the file (an older Baton wrote it) takes its default.
const SettingsFile = z.looseObject({
  version: z.number().int().min(1).optional(),
  alerts: z.record(z.string(), z.unknown()).optional(),
  sound: z.record(z.string(), z.unknown()).optional(),
  theme: z.unknown().optional(),
  hub: z.looseObject({ url: z.unknown().optional(), token: StoredToken.nullable().optional() }).optional(),
});

export class SettingsPatchError extends Error {
  override name = 'SettingsPatchError';
}

export interface SettingsChange {
  settings: Settings;
  /** The hub address or token changed: the link must be pointed at it. */
  hubChanged: boolean;
}

export interface SettingsStoreOptions {
  log?: Logger;
  sealer?: TokenSealer;
  /** For the name of a set-aside file; injected so tests can predict it. */
  now?: () => Date;
}

export class SettingsStore {
  private settings: Settings;
  private token: string | null;
  private unknownFields: Record<string, unknown>;
  private problem: string | null;
  private readonly listeners = new Set<(change: SettingsChange) => void>();
  /** Updates run one after another, each on the result of the one before. */
  private queue: Promise<unknown> = Promise.resolve();
  private tempCounter = 0;

  private constructor(
    readonly path: string,
    private readonly options: SettingsStoreOptions,
    loaded: { settings: Settings; token: string | null; unknownFields: Record<string, unknown>; problem: string | null },
  ) {
    this.settings = loaded.settings;
    this.token = loaded.token;
    this.unknownFields = loaded.unknownFields;
    this.problem = loaded.problem;
  }

  /** Reads `dir/settings.json` (or the defaults when there is none yet). Never throws for a bad file. */
  static async open(dir: string, options: SettingsStoreOptions = {}): Promise<SettingsStore> {
    const path = join(dir, SETTINGS_FILE);
    await mkdir(dir, { recursive: true });
    const log = options.log ?? silentLogger;
    let raw: string;
    try {
      raw = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return new SettingsStore(path, options, { settings: DEFAULT_SETTINGS, token: null, unknownFields: {}, problem: null });
      }
      throw error;
    }
    const decoded = decodeSettingsFile(raw, options.sealer);
    if (decoded.ok) {
      const { warning, ...value } = decoded.value;
      if (warning) log.warn(`settings: ${warning}`);
      return new SettingsStore(path, options, { ...value, problem: warning });
    }

    const aside = `${path}.corrupt-${(options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, aside);
    const problem = `Your settings file could not be read (${decoded.error}). It was kept as ${aside} and the defaults are in use.`;
    log.warn(`settings: ${problem}`);
    return new SettingsStore(path, options, { settings: DEFAULT_SETTINGS, token: null, unknownFields: {}, problem });
  }

  current(): Settings {
    return this.settings;
  }

  hubToken(): string | null {
    return this.token;
  }

  /** A problem met while loading (file set aside), until the next successful save. */
  notice(): string | null {
    return this.problem;
  }

  onChange(listener: (change: SettingsChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Validates a patch (errors name the field), applies it to the latest settings and saves the
   * result before answering; concurrent calls are applied in order, none lost.
   */
  update(rawPatch: unknown): Promise<Settings> {
    const parsed = SettingsPatch.safeParse(rawPatch);
    if (!parsed.success) return Promise.reject(new SettingsPatchError(`settings not saved: ${describeZodError(parsed.error)}`));
    const patch = parsed.data;
    const run = this.queue.then(async () => {
      const next = applySettingsPatch(this.settings, patch);
      const token = patch.hub?.token ?? this.token;
      const hubChanged = next.hub.url !== this.settings.hub.url || token !== this.token;
      await this.write(next, token);
      this.settings = next;
      this.token = token;
      this.problem = null;
      for (const listener of [...this.listeners]) listener({ settings: next, hubChanged });
      return next;
    });
    // One failed write must not block the ones after it.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(settings: Settings, token: string | null): Promise<void> {
    const sealer = this.options.sealer;
    const stored = token === null ? null : sealer ? { sealed: sealer.seal(token) } : { plain: token };
    const body = { ...this.unknownFields, version: FILE_VERSION, ...settings, hub: { ...settings.hub, token: stored } };
    const temp = `${this.path}.tmp-${process.pid}-${++this.tempCounter}`;
    // Owner-only: without a keychain the file holds the hub token.
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(body, null, 2)}\n`, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    syncDirectory(dirname(this.path));
  }
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a directory, which is fine there. */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the rename is still atomic, only its durability across power loss is weaker.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

type Decoded =
  | { ok: true; value: { settings: Settings; token: string | null; unknownFields: Record<string, unknown>; warning: string | null } }
  | { ok: false; error: string };

function decodeSettingsFile(raw: string, sealer: TokenSealer | undefined): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const file = SettingsFile.safeParse(json);
  if (!file.success) return { ok: false, error: describeZodError(file.error) };
  const { version: _version, alerts, sound, theme, hub, ...unknownFields } = file.data;
  const d = DEFAULT_SETTINGS;
  const { doNotDisturb, ...alertFields } = alerts ?? {};
  const merged = {
    alerts: { ...d.alerts, ...alertFields, doNotDisturb: { ...d.alerts.doNotDisturb, ...(isRecord(doNotDisturb) ? doNotDisturb : {}) } },
    sound: { ...d.sound, ...sound },
    theme: theme ?? d.theme,
    hub: { url: hub?.url ?? d.hub.url },
  };
  // Nested fields this version does not know are dropped (stripped), not refused.
  const settings = Settings.safeParse(merged);
  if (!settings.success) return { ok: false, error: describeZodError(settings.error) };
  let token: string | null = null;
  const stored = hub?.token;
  if (stored && 'plain' in stored) token = stored.plain;
  let warning: string | null = null;
  if (stored && 'sealed' in stored) {
    // The rest of the settings are still good; only the token has to be entered again.
    try {
      if (!sealer) throw new Error('this host has no OS keychain');
      token = sealer.unseal(stored.sealed);
    } catch (error) {
      warning = `The saved hub token could not be unsealed (${error instanceof Error ? error.message : String(error)}); enter it again under Hub connection.`;
    }
  }
  return { ok: true, value: { settings: settings.data, token, unknownFields, warning } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
