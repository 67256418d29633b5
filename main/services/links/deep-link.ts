// baton:// links, as the OS hands them to Baton (argv on Windows and Linux, open-url on macOS).
// Anything on the web can craft one, so the parser accepts exactly two shapes and refuses the rest
// without decoding or normalising anything:
//   baton://handoff/<id>          open (or focus) that handoff
//   baton://settings[/<section>]  open Settings
// No query, fragment, percent-encoding, whitespace, credentials or port; ids are the URL-safe
// characters hub ids use. Nothing here touches Electron.
export const DEEP_LINK_SCHEME = 'baton';
/** Longer than any valid link; longer input is refused before it is looked at. */
export const MAX_DEEP_LINK_LENGTH = 300;
export const SETTINGS_SECTIONS = ['alerts', 'presence', 'connection', 'updates', 'models', 'appearance'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

export type DeepLink = { kind: 'handoff'; handoffId: string } | { kind: 'settings'; section: SettingsSection | null };
export type DeepLinkParse = { ok: true; link: DeepLink } | { ok: false; error: string };

const HANDOFF_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
// Printable ASCII without space, quotes, angle brackets, backslash, backtick, braces, pipe, caret, percent.
const SAFE_CHARS = /^[A-Za-z0-9\-._~:/?#!$&'()*+,;=@[\]]*$/;

const refuse = (error: string): DeepLinkParse => ({ ok: false, error });

export function parseDeepLink(raw: unknown): DeepLinkParse {
  if (typeof raw !== 'string') return refuse('link is not a string');
  if (raw.length > MAX_DEEP_LINK_LENGTH) return refuse(`link is longer than ${MAX_DEEP_LINK_LENGTH} characters`);
  if (!SAFE_CHARS.test(raw)) return refuse('link contains characters a Baton link never has');
  const schemeEnd = raw.indexOf('://');
  if (schemeEnd < 0) return refuse(`link must start with ${DEEP_LINK_SCHEME}://`);
  // Schemes are case-insensitive (RFC 3986); everything after it is compared exactly.
  if (raw.slice(0, schemeEnd).toLowerCase() !== DEEP_LINK_SCHEME) return refuse(`scheme must be ${DEEP_LINK_SCHEME}://`);
  const rest = raw.slice(schemeEnd + 3).replace(/\/$/, '');
  if (/[?#@]/.test(rest)) return refuse('link must not carry a query, fragment or credentials');
  const parts = rest.split('/');
  const [route, ...args] = parts;
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return refuse('link has an empty or relative path segment');
  switch (route) {
    case 'handoff': {
      if (args.length !== 1) return refuse('expected baton://handoff/<id>');
      const handoffId = args[0]!;
      if (!HANDOFF_ID.test(handoffId)) return refuse('handoff id has characters or a length a handoff id never has');
      return { ok: true, link: { kind: 'handoff', handoffId } };
    }
    case 'settings': {
      if (args.length === 0) return { ok: true, link: { kind: 'settings', section: null } };
      const section = args[0]!;
      if (args.length > 1 || !(SETTINGS_SECTIONS as readonly string[]).includes(section)) return refuse(`unknown settings section; expected one of ${SETTINGS_SECTIONS.join(', ')}`);
      return { ok: true, link: { kind: 'settings', section: section as SettingsSection } };
    }
    default:
      return refuse('unknown route; expected baton://handoff/<id> or baton://settings');
  }
}

/** The canonical text of a link (for logs, tests and the macOS open-url round trip). */
export function formatDeepLink(link: DeepLink): string {
  if (link.kind === 'handoff') return `${DEEP_LINK_SCHEME}://handoff/${link.handoffId}`;
  return `${DEEP_LINK_SCHEME}://settings${link.section ? `/${link.section}` : ''}`;
}
