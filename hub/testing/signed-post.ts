// Sends a signed POST the way the bot platform does (node:http/https so tests can trust a
// self-signed CA), with knobs to break the signature on purpose.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signatureHeaders } from '../signature';

export interface PostOptions {
  /** Sign with this secret (omit the signature headers when null). */
  secret: string | null;
  /** Clock used for the timestamp (default: now). */
  nowMs?: number;
  headers?: Record<string, string>;
  ca?: string;
  method?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export function postSigned(baseUrl: string, path: string, body: unknown, options: PostOptions): Promise<HttpAnswer> {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const signature = options.secret === null ? {} : signatureHeaders(options.secret, raw, options.nowMs ?? Date.now());
  return sendRequest(baseUrl, path, {
    method: options.method ?? 'POST',
    body: raw,
    headers: { 'content-type': 'application/json', ...signature, ...options.headers },
    ...(options.ca ? { ca: options.ca } : {}),
  });
}

export function sendRequest(
  baseUrl: string,
  path: string,
  options: { method: string; body?: string | Buffer; headers?: Record<string, string>; ca?: string },
): Promise<HttpAnswer> {
  const url = new URL(path, baseUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: options.method,
        headers: { ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}), ...options.headers },
        ...(options.ca ? { ca: options.ca } : {}),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (options.body !== undefined) request.end(options.body);
    else request.end();
  });
}
