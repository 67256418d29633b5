import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AtRestCipher, TamperedDataError } from './at-rest-cipher';
import { FileKeyProvider, KeyUnavailableError, SealedFileKeyProvider, type KeySealer } from './key-provider';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('AtRestCipher', () => {
  const cipher = new AtRestCipher(randomBytes(32));

  it('round-trips text, including non-ASCII, with a fresh IV each time', () => {
    const text = 'Kundin: Zahlung doppelt abgebucht — 返金希望 🙂';
    const a = cipher.encrypt(text, 'note:1:body');
    const b = cipher.encrypt(text, 'note:1:body');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('Zahlung'))).toBe(false);
    expect(cipher.decrypt(a, 'note:1:body')).toBe(text);
  });

  it('detects a flipped bit anywhere in the sealed value', () => {
    const sealed = cipher.encrypt('refund approved', 'note:1:body');
    for (const position of [1, 14, 30, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[position] = tampered[position]! ^ 0x01;
      expect(() => cipher.decrypt(tampered, 'note:1:body')).toThrow(TamperedDataError);
    }
  });

  it('detects a value moved onto another row, a truncated value, and another key', () => {
    const sealed = cipher.encrypt('refund approved', 'note:1:body');
    expect(() => cipher.decrypt(sealed, 'note:2:body')).toThrow(TamperedDataError);
    expect(() => cipher.decrypt(sealed.subarray(0, 20), 'note:1:body')).toThrow(TamperedDataError);
    expect(() => new AtRestCipher(randomBytes(32)).decrypt(sealed, 'note:1:body')).toThrow(TamperedDataError);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => new AtRestCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('FileKeyProvider', () => {
  it('creates a 0600 key file once and returns the same key afterwards', async () => {
    const path = join(tempDir(), 'nested', 'store.key');
    const first = await new FileKeyProvider(path).getKey();
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await new FileKeyProvider(path).getKey()).toEqual(first);
  });

  it('tightens loosened permissions before use', async () => {
    const path = join(tempDir(), 'store.key');
    await new FileKeyProvider(path).getKey();
    chmodSync(path, 0o644);
    await new FileKeyProvider(path).getKey();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file instead of silently making a new key', async () => {
    const path = join(tempDir(), 'store.key');
    writeFileSync(path, 'not a key', { mode: 0o600 });
    await expect(new FileKeyProvider(path).getKey()).rejects.toThrow(KeyUnavailableError);
  });
});

describe('SealedFileKeyProvider', () => {
  // Electron's safeStorage cannot run here; this sealer has its interface and really encrypts.
  function sealer(available = true): KeySealer {
    const wrap = new AtRestCipher(randomBytes(32));
    return {
      isEncryptionAvailable: () => available,
      encryptString: (plain) => wrap.encrypt(plain, 'keychain'),
      decryptString: (sealed) => wrap.decrypt(sealed, 'keychain'),
    };
  }

  it('stores only the sealed key and unseals the same key on the next start', async () => {
    const path = join(tempDir(), 'store.key.sealed');
    const keychain = sealer();
    const key = await new SealedFileKeyProvider(path, keychain).getKey();
    expect(readFileSync(path).includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(await new SealedFileKeyProvider(path, keychain).getKey()).toEqual(key);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('fails clearly without a keychain or with another keychain', async () => {
    const path = join(tempDir(), 'store.key.sealed');
    await expect(new SealedFileKeyProvider(path, sealer(false)).getKey()).rejects.toThrow(/keychain is not available/);
    await new SealedFileKeyProvider(path, sealer()).getKey();
    await expect(new SealedFileKeyProvider(path, sealer()).getKey()).rejects.toThrow(/could not unseal/);
  });
});
