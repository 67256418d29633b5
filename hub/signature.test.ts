import { describe, expect, test } from 'vitest';
import { SIGNATURE_HEADERS, SIGNATURE_TOLERANCE_SECONDS } from '../shared/ingest';
import { computeSignature, signatureHeaders, verifySignature } from './signature';

const secret = 'shared-secret';
const body = JSON.stringify({ eventId: 'e1', hello: 'wörld' });
const now = Date.parse('2026-03-01T12:00:00.000Z');

function headersFor(signed: Record<string, string>) {
  return { timestamp: signed[SIGNATURE_HEADERS.timestamp], signature: signed[SIGNATURE_HEADERS.signature] };
}

describe('request signatures', () => {
  test('a request signed with the shared secret verifies', () => {
    expect(verifySignature(secret, headersFor(signatureHeaders(secret, body, now)), body, now)).toEqual({ ok: true });
    expect(verifySignature(secret, headersFor(signatureHeaders(secret, Buffer.from(body), now)), Buffer.from(body), now)).toEqual({ ok: true });
  });

  test('the signature is HMAC-SHA256 over "timestamp.body", hex, with the v1= scheme', () => {
    // Vector computed with `printf '1700000000.{}' | openssl dgst -sha256 -hmac secret`, so the
    // platform's implementation can be checked against the same numbers (docs/hub-api.md).
    const expected = 'v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163';
    expect(computeSignature('secret', 1_700_000_000, '{}')).toBe(expected);
    expect(computeSignature('secret', '1700000000', Buffer.from('{}'))).toBe(expected);
  });

  test('a wrong secret is refused', () => {
    const check = verifySignature(secret, headersFor(signatureHeaders('other-secret', body, now)), body, now);
    expect(check).toEqual({ ok: false, reason: 'signature does not match the body and timestamp' });
  });

  test('a tampered body is refused', () => {
    const signed = headersFor(signatureHeaders(secret, body, now));
    expect(verifySignature(secret, signed, body.replace('e1', 'e2'), now).ok).toBe(false);
  });

  test('a changed timestamp is refused even within the window', () => {
    const signed = headersFor(signatureHeaders(secret, body, now));
    expect(verifySignature(secret, { ...signed, timestamp: String(Number(signed.timestamp) + 1) }, body, now).ok).toBe(false);
  });

  test('a stale or future timestamp is refused outside the tolerance, accepted at its edge', () => {
    const old = now - (SIGNATURE_TOLERANCE_SECONDS + 1) * 1000;
    const stale = verifySignature(secret, headersFor(signatureHeaders(secret, body, old)), body, now);
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.reason).toMatch(/away from the hub's clock/);
    const future = now + (SIGNATURE_TOLERANCE_SECONDS + 1) * 1000;
    expect(verifySignature(secret, headersFor(signatureHeaders(secret, body, future)), body, now).ok).toBe(false);
    const edge = now - SIGNATURE_TOLERANCE_SECONDS * 1000;
    expect(verifySignature(secret, headersFor(signatureHeaders(secret, body, edge)), body, now).ok).toBe(true);
  });

  test('missing, repeated or malformed headers are refused with a reason', () => {
    expect(verifySignature(secret, { timestamp: undefined, signature: undefined }, body, now)).toMatchObject({ ok: false, reason: /missing/ });
    expect(verifySignature(secret, { timestamp: ['1', '2'], signature: 'v1=00' }, body, now).ok).toBe(false);
    expect(verifySignature(secret, { timestamp: '12abc', signature: 'v1=00' }, body, now)).toMatchObject({ ok: false, reason: /unix seconds/ });
    const signed = headersFor(signatureHeaders(secret, body, now));
    expect(verifySignature(secret, { ...signed, signature: 'v1=short' }, body, now).ok).toBe(false);
  });
});
