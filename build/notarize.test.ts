// The afterSign hook notarizes only with Apple credentials present, and never touches other OSes.
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';

const require = createRequire(import.meta.url);
const hook = require('./notarize.cjs') as ((context: unknown) => Promise<void>) & {
  missingCredentials(env: Record<string, string | undefined>): string[];
};

describe('build/notarize.cjs', () => {
  it.each([
    [{}, ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']],
    [{ APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: '  ', APPLE_TEAM_ID: 'T1' }, ['APPLE_APP_SPECIFIC_PASSWORD']],
    [{ APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'pw', APPLE_TEAM_ID: 'T1' }, []],
  ])('missing credentials in %j → %j', (env, missing) => {
    expect(hook.missingCredentials(env)).toEqual(missing);
  });

  it('does nothing for non-mac builds and skips politely without credentials', async () => {
    await expect(hook({ electronPlatformName: 'linux' })).resolves.toBeUndefined();
    const saved = { ...process.env };
    delete process.env.APPLE_ID;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await expect(hook({ electronPlatformName: 'darwin', appOutDir: '/nowhere', packager: { appInfo: { productFilename: 'Baton' } } })).resolves.toBeUndefined();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('notarization skipped'));
    } finally {
      log.mockRestore();
      process.env = saved;
    }
  });
});
