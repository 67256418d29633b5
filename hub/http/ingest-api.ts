// The hub's HTTP API for the bot platform: signed JSON in, JSON out. Order of checks on a POST:
// size (413) → signature over the raw bytes (401) → JSON (400) → schema (400 naming the field) →
// the service. Nothing a client sends can make it throw past this handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Clock } from '../../shared/clock';
import {
  CustomerMessageRequest,
  HandoffRequest,
  INGEST_PATHS,
  MAX_BODY_BYTES,
  SIGNATURE_HEADERS,
} from '../../shared/ingest';
import { BatonError, describeZodError } from '../../shared/result';
import type { HandoffService } from '../handoff-service';
import type { HubLog } from '../hub-log';
import type { RateLimiter } from '../rate-limiter';
import { verifySignature } from '../signature';
import { readBody } from './body-reader';
import { sendError, sendJson, STATUS_OF } from './json-response';

export interface IngestApiOptions {
  service: HandoffService;
  secret: string;
  clock: Clock;
  log: HubLog;
  limiter: RateLimiter | null;
  /** Extra facts for GET /healthz. */
  health: () => Record<string, unknown>;
}

const CONVERSATION_ROUTE = /^\/api\/v1\/conversations\/([^/]{1,200})\/(messages|abandon)$/;

export function createIngestApi(options: IngestApiOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { service, log } = options;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://hub.invalid');
    const path = url.pathname;

    if (path === INGEST_PATHS.health) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(response, 'GET');
      return sendJson(response, 200, { ok: true, ...options.health() });
    }

    const conversation = CONVERSATION_ROUTE.exec(path);
    if (path !== INGEST_PATHS.handoffs && !conversation) {
      return sendError(response, 404, 'not_found', `no route ${path}`);
    }
    if (request.method !== 'POST') return methodNotAllowed(response, 'POST');

    const client = request.socket.remoteAddress ?? 'unknown';
    if (options.limiter && !options.limiter.take(client)) {
      return sendError(response, 429, 'too_many_requests', 'too many requests from this client; slow down', {
        'retry-after': String(Math.max(1, options.limiter.retryAfterSeconds(client))),
      });
    }

    const read = await readBody(request, MAX_BODY_BYTES);
    if (!read.ok) {
      if (read.reason === 'aborted') return;
      return sendError(response, 413, 'payload_too_large', `body larger than ${MAX_BODY_BYTES} bytes`, { connection: 'close' });
    }
    const signature = verifySignature(
      options.secret,
      { timestamp: request.headers[SIGNATURE_HEADERS.timestamp], signature: request.headers[SIGNATURE_HEADERS.signature] },
      read.body,
      options.clock.now(),
    );
    if (!signature.ok) return sendError(response, 401, 'unauthorized', signature.reason);

    let json: unknown;
    try {
      // fatal: a body that is not UTF-8 is refused, not stored with U+FFFD in place of the customer's words.
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.body));
    } catch (error) {
      return sendError(response, 400, 'bad_request', error instanceof SyntaxError ? 'body is not valid JSON' : 'body is not valid UTF-8');
    }

    if (!conversation) {
      const parsed = parse(HandoffRequest, json, response);
      if (!parsed) return;
      const answer = await service.ingest(parsed);
      return sendJson(response, 202, answer);
    }

    const id = decodeURIComponent(conversation[1]!);
    if (conversation[2] === 'messages') {
      const parsed = parse(CustomerMessageRequest, json, response);
      if (!parsed) return;
      const answer = service.customerMessage(id, {
        ...parsed.message,
        ...(parsed.sentiment ? { sentiment: parsed.sentiment } : {}),
      });
      return sendJson(response, 202, answer);
    }
    const handoff = service.abandon(id);
    return sendJson(response, 200, { handoffId: handoff.id, status: handoff.status });
  }

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BatonError) return sendError(response, STATUS_OF[error.code], error.code, error.message);
      log.error(`${request.method} ${request.url} failed`, error);
      sendError(response, 500, 'internal', 'the hub could not handle this request; see its log');
    });
  };
}

function parse<T extends z.ZodType>(schema: T, json: unknown, response: ServerResponse): z.output<T> | null {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  sendError(response, 400, 'bad_request', describeZodError(parsed.error));
  return null;
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  sendError(response, 405, 'method_not_allowed', `use ${allow}`, { allow });
}
