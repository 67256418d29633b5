// AES-256-GCM for sensitive columns (note bodies, transcripts, customer records). Each value gets
// a fresh 96-bit IV; the row it belongs to is bound in as associated data, so a ciphertext copied
// onto another row fails authentication just like a flipped bit does.
// Layout: [1 byte format version][12 bytes IV][16 bytes tag][ciphertext].
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export class TamperedDataError extends Error {
  override name = 'TamperedDataError';
}

export class AtRestCipher {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`at-rest key must be ${KEY_BYTES} bytes, got ${key.length}`);
    this.key = Buffer.from(key);
  }

  encrypt(plaintext: string, associatedData: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
  }

  /** Throws TamperedDataError when the value was altered, moved to another row, or sealed with another key. */
  decrypt(sealed: Buffer | Uint8Array, associatedData: string): string {
    const data = Buffer.isBuffer(sealed) ? sealed : Buffer.from(sealed);
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT_VERSION) {
      throw new TamperedDataError(`encrypted value for ${associatedData} has an unknown format`);
    }
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      // GCM's final() only checks the tag and returns no bytes: no concatenation (the rebuild at open decrypts every row).
      const plain = decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES));
      decipher.final();
      return plain.toString('utf8');
    } catch {
      throw new TamperedDataError(`encrypted value for ${associatedData} failed authentication (altered, moved or wrong key)`);
    }
  }

  encryptJson(value: unknown, associatedData: string): Buffer {
    return this.encrypt(JSON.stringify(value), associatedData);
  }

  decryptJson(sealed: Buffer | Uint8Array, associatedData: string): unknown {
    return JSON.parse(this.decrypt(sealed, associatedData));
  }
}
