// Table-driven: the links Baton opens, and the ones it refuses.
import { describe, expect, it } from 'vitest';
import { formatDeepLink, parseDeepLink } from './deep-link';
import { linkFromArgv, secondInstanceAction } from './single-instance';

describe('parseDeepLink accepts', () => {
  it.each([
    ['baton://handoff/h_123', { kind: 'handoff', handoffId: 'h_123' }],
    ['baton://handoff/h_123/', { kind: 'handoff', handoffId: 'h_123' }],
    ['BATON://handoff/01JDX4Q9ZK:7', { kind: 'handoff', handoffId: '01JDX4Q9ZK:7' }],
    ['baton://handoff/a.b-c_d', { kind: 'handoff', handoffId: 'a.b-c_d' }],
    [`baton://handoff/${'x'.repeat(200)}`, { kind: 'handoff', handoffId: 'x'.repeat(200) }],
    ['baton://settings', { kind: 'settings', section: null }],
    ['baton://settings/', { kind: 'settings', section: null }],
    ['baton://settings/alerts', { kind: 'settings', section: 'alerts' }],
    ['baton://settings/updates', { kind: 'settings', section: 'updates' }],
  ])('%s', (raw, link) => {
    expect(parseDeepLink(raw)).toEqual({ ok: true, link });
    expect(parseDeepLink(formatDeepLink(link as never))).toEqual({ ok: true, link });
  });
});

describe('parseDeepLink refuses', () => {
  it.each([
    ['not a string', 42, /not a string/],
    ['empty', '', /must start with baton:\/\//],
    ['wrong scheme', 'https://handoff/h1', /scheme must be baton/],
    ['look-alike scheme', 'batonx://handoff/h1', /scheme must be baton/],
    ['javascript scheme', 'javascript://alert(1)', /scheme must be baton/],
    ['no slashes', 'baton:handoff/h1', /must start with baton/],
    ['unknown route', 'baton://admin/h1', /unknown route/],
    ['route case differs', 'baton://Handoff/h1', /unknown route/],
    ['missing id', 'baton://handoff', /expected baton:\/\/handoff\/<id>/],
    ['empty id', 'baton://handoff//', /empty or relative/],
    ['extra segment', 'baton://handoff/h1/delete', /expected baton:\/\/handoff\/<id>/],
    ['path traversal', 'baton://handoff/../settings', /empty or relative/],
    ['dot id', 'baton://handoff/.', /empty or relative/],
    ['query', 'baton://handoff/h1?token=x', /query, fragment or credentials/],
    ['fragment', 'baton://handoff/h1#x', /query, fragment or credentials/],
    ['credentials', 'baton://user@handoff/h1', /query, fragment or credentials/],
    ['percent-encoding', 'baton://handoff/h%2F1', /characters a Baton link never has/],
    ['space (argv injection)', 'baton://handoff/h1 --inspect=9229', /characters a Baton link never has/],
    ['quote', 'baton://handoff/h1"', /characters a Baton link never has/],
    ['newline', 'baton://handoff/h1\n', /characters a Baton link never has/],
    ['NUL', 'baton://handoff/h1\u0000', /characters a Baton link never has/],
    ['angle brackets', 'baton://handoff/<script>', /characters a Baton link never has/],
    ['backslash', 'baton://handoff\\h1', /characters a Baton link never has/],
    ['non-ASCII look-alike', 'baton://hаndoff/h1', /characters a Baton link never has/],
    ['id starting with punctuation', 'baton://handoff/-h1', /handoff id/],
    ['id with parentheses', 'baton://handoff/h(1)', /handoff id/],
    ['id over 200 characters', `baton://handoff/${'x'.repeat(201)}`, /handoff id/],
    ['huge input', `baton://handoff/${'x'.repeat(1_000_000)}`, /longer than 300/],
    ['unknown settings section', 'baton://settings/secrets', /unknown settings section/],
    ['nested settings', 'baton://settings/alerts/x', /unknown settings section/],
  ])('%s', (_name, raw, error) => {
    const parsed = parseDeepLink(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(error);
  });
});

describe('single-instance hand-over', () => {
  it.each<[string, unknown[], string | null, RegExp | null]>([
    ['Windows: exe, flags, then the link', ['C:\\Baton\\Baton.exe', '--allow-file-access-from-files', 'baton://handoff/h7'], 'baton://handoff/h7', null],
    ['Windows: link still in quotes', ['Baton.exe', '"baton://handoff/h7"'], 'baton://handoff/h7', null],
    ['Linux: AppImage path then link', ['/opt/Baton/baton', 'baton://settings/alerts'], 'baton://settings/alerts', null],
    ['a plain second launch: focus only', ['/opt/Baton/baton'], null, null],
    ['flags that look like links are skipped', ['baton', '--url=baton://handoff/h1'], null, null],
    ['a bad link is refused with the reason, and the window is still focused', ['baton', 'baton://handoff/h1?x=1'], null, /query/],
    ['first candidate wins', ['baton', 'baton://handoff/a', 'baton://handoff/b'], 'baton://handoff/a', null],
    ['non-string junk in argv is ignored', ['baton', 42, null, { x: 1 }, 'baton://handoff/ok'], 'baton://handoff/ok', null],
  ])('%s', (_name, argv, opened, refused) => {
    const action = secondInstanceAction(argv);
    expect(action.focusWindow).toBe(true);
    expect(action.open ? formatDeepLink(action.open) : null).toBe(opened);
    if (refused) expect(action.refused).toMatch(refused);
    else expect(action.refused).toBeNull();
  });

  it('only looks at the first 64 arguments', () => {
    const argv = [...Array.from({ length: 64 }, () => 'x'), 'baton://handoff/late'];
    expect(linkFromArgv(argv).link).toBeNull();
  });

  it('a non-array argv focuses and opens nothing', () => {
    expect(secondInstanceAction('baton://handoff/h1' as unknown as string[])).toEqual({ focusWindow: true, open: null, refused: null });
  });
});
