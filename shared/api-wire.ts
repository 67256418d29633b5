// Frames that carry the renderer API over a WebSocket between the browser host and a browser.
// (Electron IPC needs no framing: invoke/handle already pairs requests with answers.)
import { z } from 'zod';
import { ApiError } from './result';

export const API_WS_PATH = '/api';

export const BridgeRequest = z.object({
  type: z.literal('request'),
  id: z.number().int().min(0),
  method: z.string().max(100),
  args: z.unknown(),
});
export type BridgeRequest = z.infer<typeof BridgeRequest>;

export const BridgeServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('response'),
    id: z.number().int().min(0),
    result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ApiError })]),
  }),
  z.object({ type: z.literal('event'), name: z.string().max(100), payload: z.unknown() }),
]);
export type BridgeServerFrame = z.infer<typeof BridgeServerFrame>;
