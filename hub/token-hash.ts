// Agent tokens are random secrets handed out once; the hub keeps only their SHA-256. Tokens carry
// enough entropy (see generateToken) that a plain hash is as good as a slow KDF and lets the hub
// look a token up by its hash with an index.
import { createHash, randomBytes } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * 32 random bytes, URL-safe, behind a fixed prefix: the prefix keeps a token from starting with "-"
 * (which command-line parsers take for an option) and lets secret scanners recognise a leaked one.
 */
export function generateToken(): string {
  return `baton_${randomBytes(32).toString('base64url')}`;
}
