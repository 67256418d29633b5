// The bot platform as the workspace e2e tests see it: posts signed handoffs and customer messages to
// the hub (as the real platform does) and runs the webhook endpoint the hub calls back, recording
// every event it receives after checking its signature.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADERS, WebhookEvent, type HandoffAccepted, type HandoffRequest } from '../../shared/ingest';
import { verifySignature } from '../../hub/signature';
import { postSigned } from '../../hub/testing/signed-post';

export interface PlatformStub {
  /** Where the hub should send its webhook calls. */
  readonly webhookUrl: string;
  /** Every webhook event received so far, in arrival order (only correctly signed ones). */
  readonly events: WebhookEvent[];
  /** Webhook calls refused for a bad signature or body (should stay empty). */
  readonly refused: string[];
  postHandoff(hubUrl: string, request: HandoffRequest): Promise<HandoffAccepted>;
  postCustomerMessage(hubUrl: string, handoffId: string, message: { id: string; text: string }): Promise<void>;
  close(): Promise<void>;
}

export async function startPlatformStub(secret: string): Promise<PlatformStub> {
  const events: WebhookEvent[] = [];
  const refused: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const check = verifySignature(secret, { timestamp: request.headers[SIGNATURE_HEADERS.timestamp], signature: request.headers[SIGNATURE_HEADERS.signature] }, raw);
      let parsed: ReturnType<typeof WebhookEvent.safeParse> | null = null;
      try {
        parsed = WebhookEvent.safeParse(JSON.parse(raw.toString('utf8')));
      } catch {
        parsed = null;
      }
      if (!check.ok || !parsed?.success) {
        refused.push(check.ok ? `bad body: ${raw.toString('utf8').slice(0, 200)}` : check.reason);
        response.writeHead(400).end();
        return;
      }
      events.push(parsed.data);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
    events,
    refused,
    async postHandoff(hubUrl, request) {
      const answer = await postSigned(hubUrl, '/api/v1/handoffs', request, { secret });
      if (answer.status !== 202) throw new Error(`the hub refused the handoff (${answer.status}): ${answer.text}`);
      return answer.json as HandoffAccepted;
    },
    async postCustomerMessage(hubUrl, handoffId, message) {
      const body = { eventId: `evt-${message.id}`, message: { ...message, at: new Date().toISOString() } };
      const answer = await postSigned(hubUrl, `/api/v1/conversations/${encodeURIComponent(handoffId)}/messages`, body, { secret });
      if (answer.status !== 202) throw new Error(`the hub refused the customer message (${answer.status}): ${answer.text}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
