import { describe, expect, test } from 'vitest';
import { generateToken, hashToken } from './token-hash';

describe('agent tokens', () => {
  test('never start with "-", so `--token T` on a command line always parses', () => {
    for (let i = 0; i < 2_000; i++) expect(generateToken().startsWith('-')).toBe(false);
  });

  test('carry 32 random bytes and are stored only as their SHA-256', () => {
    const token = generateToken();
    expect(token).toMatch(/^baton_[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });
});
