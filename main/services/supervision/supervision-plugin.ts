// The supervisor view's desktop side (issue 7): the `supervisor:*` API handlers (live snapshot, lead
// actions, reports, CSV export), the live feed that pushes `supervisor:updated` to the renderer, and
// for every agent the `whisper:received` event and `help:raiseHand`. The hub decides who may do
// what (it refuses agents' tokens with `forbidden`); this side passes its answer through unchanged.
import { BatonError } from '../../../shared/result';
import {
  MAX_EXPORT_ROWS,
  RaisedHand,
  ReportRowsPage,
  SupervisorReport,
  SupervisorSnapshot,
  Whisper,
  type ReportRange,
  type ReportRow,
} from '../../../shared/supervision';
import type { z } from 'zod';
import { valueOrThrow } from '../api/hub-result';
import { currentSession } from '../api/session-handlers';
import type { ApiHandlerGroup } from '../api/api-context';
import type { HubLink } from '../hub-link/hub-link';
import type { PluginContext, PluginInstance, ServicePlugin } from '../service-plugin';
import { reportRowsToCsv } from './report-csv';
import { SupervisorFeed } from './supervisor-feed';

export const supervisionPlugin: ServicePlugin = {
  name: 'supervision',
  start(ctx: PluginContext): PluginInstance {
    const feed = new SupervisorFeed({
      link: ctx.link,
      clock: ctx.clock,
      log: ctx.log,
      onSnapshot: (snapshot) => ctx.events.emit('supervisor:updated', snapshot),
    });
    const offWhisper = ctx.link.on('whisper', ({ whisper }) => ctx.events.emit('whisper:received', whisper));
    // The link already took the new agent (a lead changed this agent's presence): the header follows.
    const offSelf = ctx.link.on('agent_updated', ({ agent }) => {
      if (agent.id === ctx.link.agent?.id) ctx.events.emit('session:changed', currentSession(ctx));
    });
    return {
      handlers: supervisionHandlers(ctx.link, feed),
      dispose: () => {
        offSelf();
        offWhisper();
        feed.dispose();
      },
    };
  },
};

/** Unwraps `{ key: value }` answers from the hub and checks their shape. */
function field<T>(value: unknown, key: string, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse((value as Record<string, unknown> | null)?.[key]);
  if (!parsed.success) throw new BatonError('internal', `the hub answered ${what} with an unexpected shape`);
  return parsed.data;
}

export function supervisionHandlers(link: HubLink, feed: SupervisorFeed): ApiHandlerGroup {
  const act = async (body: Parameters<HubLink['request']>[0]) => {
    const value = valueOrThrow(await link.request(body));
    feed.changed();
    return value;
  };
  return {
    'supervisor:snapshot': async () => {
      const parsed = SupervisorSnapshot.safeParse(valueOrThrow(await link.request({ type: 'supervisor_snapshot' })));
      if (!parsed.success) throw new BatonError('internal', 'the hub answered the snapshot with an unexpected shape');
      return parsed.data;
    },
    'supervisor:reassign': async ({ handoffId, to, reason }) => {
      await act({ type: 'supervisor_reassign', handoffId, to, ...(reason ? { reason } : {}) });
      return null;
    },
    'supervisor:setAgentPresence': async ({ agentId, presence }) => {
      await act({ type: 'set_agent_presence', agentId, presence });
      return null;
    },
    'supervisor:whisper': async ({ agentId, text, handoffId, handRaiseId }) =>
      field(
        await act({ type: 'whisper', agentId, text, ...(handoffId ? { handoffId } : {}), ...(handRaiseId ? { handRaiseId } : {}) }),
        'whisper',
        Whisper,
        'a whisper',
      ),
    'supervisor:broadcast': async ({ text }) => field(await act({ type: 'broadcast', text }), 'whisper', Whisper, 'a broadcast'),
    'supervisor:report': async (range) => {
      const parsed = SupervisorReport.safeParse(valueOrThrow(await link.request({ type: 'supervisor_report', range })));
      if (!parsed.success) throw new BatonError('internal', 'the hub answered the report with an unexpected shape');
      return parsed.data;
    },
    'supervisor:exportCsv': async (range) => {
      const rows = await exportRows(link, range);
      return { csv: reportRowsToCsv(rows.rows), rows: rows.rows.length, truncated: rows.truncated };
    },
    'help:raiseHand': async ({ text, handoffId }) =>
      field(valueOrThrow(await link.request({ type: 'raise_hand', text, ...(handoffId ? { handoffId } : {}) })), 'hand', RaisedHand, 'a raised hand'),
  };
}

async function exportRows(link: HubLink, range: ReportRange): Promise<{ rows: ReportRow[]; truncated: boolean }> {
  const rows: ReportRow[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page = ReportRowsPage.safeParse(valueOrThrow(await link.request({ type: 'supervisor_rows', range, offset })));
    if (!page.success) throw new BatonError('internal', 'the hub answered the export with an unexpected shape');
    rows.push(...page.data.rows);
    offset = page.data.nextOffset;
    if (rows.length >= MAX_EXPORT_ROWS) return { rows: rows.slice(0, MAX_EXPORT_ROWS), truncated: offset !== null || rows.length > MAX_EXPORT_ROWS };
  }
  return { rows, truncated: false };
}
