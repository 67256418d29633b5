// Where the at-rest key comes from. In Electron the key is sealed by the OS keychain through
// safeStorage (SealedFileKeyProvider with a safeStorage-backed KeySealer, wired in main/electron);
// the browser host, which has no keychain, uses a key file readable only by its owner.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, readFileSync, statSync, writeSync, closeSync, fsyncSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES } from './at-rest-cipher';

export interface KeyProvider {
  /** The 32-byte data key; created on first use. */
  getKey(): Promise<Buffer>;
}

/** The OS keychain's encrypt/decrypt (Electron's safeStorage has exactly this shape). */
export interface KeySealer {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export class KeyUnavailableError extends Error {
  override name = 'KeyUnavailableError';
}

/** Writes a new file exclusively (never over an existing key) with owner-only permissions, durably. */
function writeNewSecretFile(path: string, content: Buffer): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The browser host's key: raw random bytes (base64) in a file with mode 0600, created if missing. */
export class FileKeyProvider implements KeyProvider {
  constructor(private readonly path: string) {}

  async getKey(): Promise<Buffer> {
    writeNewSecretFile(this.path, Buffer.from(randomBytes(KEY_BYTES).toString('base64') + '\n'));
    const mode = statSync(this.path).mode & 0o777;
    // Something (a copy, an unzip) loosened the permissions: close them again before reading.
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    const key = Buffer.from(readFileSync(this.path, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) {
      throw new KeyUnavailableError(`key file ${this.path} does not hold a ${KEY_BYTES}-byte base64 key; restore it from backup or remove the store`);
    }
    return key;
  }
}

/** Electron's key: random bytes sealed by the OS keychain, the sealed blob kept in a file. */
export class SealedFileKeyProvider implements KeyProvider {
  constructor(
    private readonly path: string,
    private readonly sealer: KeySealer,
  ) {}

  async getKey(): Promise<Buffer> {
    if (!this.sealer.isEncryptionAvailable()) {
      throw new KeyUnavailableError('the OS keychain is not available, so the local store cannot be unlocked');
    }
    writeNewSecretFile(this.path, this.sealer.encryptString(randomBytes(KEY_BYTES).toString('base64')));
    let plain: string;
    try {
      plain = this.sealer.decryptString(readFileSync(this.path));
    } catch (error) {
      throw new KeyUnavailableError(`the OS keychain could not unseal ${this.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const key = Buffer.from(plain, 'base64');
    if (key.length !== KEY_BYTES) throw new KeyUnavailableError(`sealed key in ${this.path} is not ${KEY_BYTES} bytes`);
    return key;
  }
}
