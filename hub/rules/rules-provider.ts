// Holds the rules in force and reloads them when their file changes. A file that fails to read or
// validate is rejected with named errors and the last good rules stay in force, so a typo saved
// during a busy shift never stops routing. Without a path the built-in defaults are used.
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock';
import { DEFAULT_RULES } from './default-rules';
import { parseRules, rulesFormatOf } from './parse-rules';
import type { RuleSet } from './rule-set';

export interface RulesLog {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export interface RulesProviderOptions {
  /** A .yaml/.yml or .json rules file; omitted: the built-in defaults, never reloaded. */
  path?: string;
  log: RulesLog;
  /** Called with the errors each time the file is rejected (at start or on a reload). */
  onError?: (errors: string[]) => void;
  /** Called after a changed file was accepted and is in force (not for the file read at start). */
  onReload?: (rules: RuleSet) => void;
  /** Editors write a file in several steps; changes are applied once this long after the last one. */
  debounceMs?: number;
  clock?: Clock;
}

export type RulesReload = { ok: true; changed: boolean } | { ok: false; errors: string[] };

export interface RulesProvider {
  current(): RuleSet;
  /** Re-reads the file now (the watcher calls this); a no-op without a path. */
  reload(): RulesReload;
  /** The errors of the last rejected read, empty while the file in force is the file on disk. */
  lastErrors(): string[];
  dispose(): void;
}

export function createRulesProvider(options: RulesProviderOptions): RulesProvider {
  const { log } = options;
  const clock = options.clock ?? systemClock;
  const debounceMs = options.debounceMs ?? 100;
  const path = options.path === undefined ? undefined : resolve(options.path);
  let rules: RuleSet = DEFAULT_RULES;
  let errors: string[] = [];
  let lastText: string | undefined;
  let watcher: FSWatcher | undefined;
  let pending: TimerHandle | undefined;
  let disposed = false;
  /** onReload reports changes, so it is not called for the file read at start. */
  let started = false;

  function reject(found: string[]): RulesReload {
    errors = found;
    log.error(`rules file ${path} rejected; the rules in force are unchanged`, found);
    try {
      options.onError?.(found);
    } catch (error) {
      log.error('rules onError callback failed', error);
    }
    return { ok: false, errors: found };
  }

  function reload(): RulesReload {
    if (path === undefined || disposed) return { ok: true, changed: false };
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      lastText = undefined;
      return reject([`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
    }
    if (text === lastText) return errors.length > 0 ? { ok: false, errors } : { ok: true, changed: false };
    lastText = text;
    const parsed = parseRules(text, rulesFormatOf(path));
    if (!parsed.ok) return reject(parsed.errors);
    rules = parsed.rules;
    errors = [];
    log.info(`rules loaded from ${path}: ${rules.rules.length} enabled rules, ${rules.strategy}`);
    if (started) {
      try {
        options.onReload?.(rules);
      } catch (error) {
        log.error('rules onReload callback failed', error);
      }
    }
    return { ok: true, changed: true };
  }

  if (path !== undefined) {
    const first = reload();
    if (!first.ok) log.warn('no valid rules file yet: the built-in default rules are in force');
    started = true;
    // The directory is watched, not the file: editors that save by rename replace the file's inode,
    // and a watch on the old inode would go quiet.
    const name = basename(path);
    try {
      watcher = watch(dirname(path), (_event, filename) => {
        if (filename !== null && filename.toString() !== name) return;
        if (pending) clock.clearTimeout(pending);
        pending = clock.setTimeout(() => {
          pending = undefined;
          reload();
        }, debounceMs);
      });
      watcher.on('error', (error) => log.warn(`rules watcher for ${path} failed; changes will not be picked up`, error));
    } catch (error) {
      log.warn(`cannot watch ${path}; changes will not be picked up`, error);
    }
  }

  return {
    current: () => rules,
    reload,
    lastErrors: () => [...errors],
    dispose() {
      disposed = true;
      if (pending) clock.clearTimeout(pending);
      pending = undefined;
      watcher?.close();
      watcher = undefined;
    },
  };
}
