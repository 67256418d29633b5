// Single-instance hand-over: when a second Baton starts (a baton:// link clicked on Windows or
// Linux launches a new process), Electron's second-instance event gives the first one that
// process's argv. This decides what the first instance does: always come to the front, and open
// the link if argv carries a valid one. Pure; the glue calls it from app.on('second-instance').
import { type DeepLink, DEEP_LINK_SCHEME, MAX_DEEP_LINK_LENGTH, parseDeepLink } from './deep-link';

export type SecondInstanceAction = {
  focusWindow: true;
  open: DeepLink | null;
  /** A baton:// argument that was refused, with why (for the log, never shown raw to the agent). */
  refused: string | null;
};

const MAX_ARGS = 64;

/** Finds the baton:// argument in a process argv (the first candidate wins; flags are skipped). */
export function linkFromArgv(argv: readonly unknown[]): { link: DeepLink | null; refused: string | null } {
  const prefix = `${DEEP_LINK_SCHEME}:`;
  for (const arg of argv.slice(0, MAX_ARGS)) {
    if (typeof arg !== 'string' || arg.startsWith('-')) continue;
    // Windows may hand the link over in the quotes of the registered "%1".
    const candidate = arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"') ? arg.slice(1, -1) : arg;
    if (candidate.slice(0, prefix.length).toLowerCase() !== prefix) continue;
    const parsed = parseDeepLink(candidate);
    if (parsed.ok) return { link: parsed.link, refused: null };
    return { link: null, refused: `${parsed.error}: ${JSON.stringify(candidate.slice(0, Math.min(80, MAX_DEEP_LINK_LENGTH)))}` };
  }
  return { link: null, refused: null };
}

export function secondInstanceAction(argv: readonly unknown[]): SecondInstanceAction {
  const { link, refused } = Array.isArray(argv) ? linkFromArgv(argv) : { link: null, refused: null };
  return { focusWindow: true, open: link, refused };
}
