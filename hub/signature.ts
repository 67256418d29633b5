// HMAC-SHA256 request signing shared by the hub (verify) and every sender (the simulator, tests,
// the outbound webhook). The signed string is `${timestamp}.${rawBody}`, so neither the body nor
// the time can be changed without the secret, and a captured request expires after the tolerance.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_HEADERS, SIGNATURE_TOLERANCE_SECONDS } from '../shared/ingest';

const SCHEME = 'v1=';

export function computeSignature(secret: string, timestampSeconds: number | string, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampSeconds}.`);
  mac.update(rawBody);
  return SCHEME + mac.digest('hex');
}

/** Headers to send with a signed request. */
export function signatureHeaders(secret: string, rawBody: string | Buffer, nowMs = Date.now()): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    [SIGNATURE_HEADERS.timestamp]: String(timestamp),
    [SIGNATURE_HEADERS.signature]: computeSignature(secret, timestamp, rawBody),
  };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(
  secret: string,
  headers: { timestamp: string | string[] | undefined; signature: string | string[] | undefined },
  rawBody: string | Buffer,
  nowMs = Date.now(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (typeof timestamp !== 'string' || typeof signature !== 'string') {
    return { ok: false, reason: `missing ${SIGNATURE_HEADERS.timestamp} or ${SIGNATURE_HEADERS.signature} header` };
  }
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `${SIGNATURE_HEADERS.timestamp} must be unix seconds` };
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > toleranceSeconds) {
    return { ok: false, reason: `timestamp is ${Math.round(skew)} s away from the hub's clock (allowed: ${toleranceSeconds} s)` };
  }
  const expected = Buffer.from(computeSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature does not match the body and timestamp' };
  }
  return { ok: true };
}
