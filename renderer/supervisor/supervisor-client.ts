// The supervisor view's link to `window.baton`: subscribes to `supervisor:updated` and
// `whisper:received` once, loads the first snapshot, and carries the lead's actions, turning error
// envelopes into notices a person can read.
import type { BatonApi, MethodArgs, MethodName, MethodResult } from '../../shared/api';
import type { Presence } from '../../shared/domain';
import { toDisposable, type Disposable } from '../../shared/lifecycle';
import type { Result } from '../../shared/result';
import type { ReassignTarget } from '../../shared/supervision';
import { useUiStore } from '../stores/ui-store';
import { rangeToIso, useSupervisorStore } from './supervisor-store';

let api: BatonApi | null = null;

async function call<N extends MethodName>(method: N, args: MethodArgs<N>): Promise<Result<MethodResult<N>>> {
  if (!api) return { ok: false, error: { code: 'unavailable', message: 'Baton is still starting' } };
  return api.invoke(method, args);
}

function failed(action: string, result: { ok: false; error: { message: string } }): false {
  useUiStore.getState().errorShown(`${action}: ${result.error.message}`);
  return false;
}

export function startSupervisorClient(source: BatonApi = window.baton): Disposable {
  api = source;
  const offUpdated = source.on('supervisor:updated', (snapshot) => useSupervisorStore.getState().snapshotReceived(snapshot));
  const offWhisper = source.on('whisper:received', (whisper) => {
    useSupervisorStore.getState().whisperReceived(whisper);
    useUiStore.getState().announced(`${whisper.toAgentId ? 'Whisper' : 'Broadcast'} from ${whisper.fromName}: ${whisper.text}`);
  });
  return toDisposable(() => {
    offUpdated();
    offWhisper();
    if (api === source) api = null;
  });
}

/** The supervisor view asks once when it opens; after that the feed pushes updates. */
export async function loadSnapshot(): Promise<boolean> {
  const result = await call('supervisor:snapshot', {});
  if (!result.ok) return failed('Could not load the live view', result);
  useSupervisorStore.getState().snapshotReceived(result.value);
  return true;
}

export async function reassignHandoff(handoffId: string, to: ReassignTarget, reason?: string): Promise<boolean> {
  const result = await call('supervisor:reassign', { handoffId, to, ...(reason ? { reason } : {}) });
  if (!result.ok) return failed('Could not reassign the handoff', result);
  const words = to.kind === 'queue' ? `back to the ${to.queue} queue` : to.force ? `to ${to.agentId} (assigned)` : `to ${to.agentId} (offered)`;
  useUiStore.getState().announced(`Handoff sent ${words}`);
  return true;
}

export async function setAgentPresence(agentId: string, presence: Presence): Promise<boolean> {
  const result = await call('supervisor:setAgentPresence', { agentId, presence });
  return result.ok ? true : failed(`Could not change ${agentId}'s status`, result);
}

export async function whisperTo(agentId: string, text: string, extra: { handoffId?: string; handRaiseId?: string } = {}): Promise<boolean> {
  const result = await call('supervisor:whisper', { agentId, text, ...extra });
  if (!result.ok) return failed('Could not send the whisper', result);
  useUiStore.getState().announced(`Whisper sent to ${agentId}`);
  return true;
}

export async function broadcast(text: string): Promise<boolean> {
  const result = await call('supervisor:broadcast', { text });
  if (!result.ok) return failed('Could not send the broadcast', result);
  useUiStore.getState().announced('Broadcast sent to every agent');
  return true;
}

export async function raiseHand(text: string, handoffId?: string): Promise<boolean> {
  const result = await call('help:raiseHand', { text, ...(handoffId ? { handoffId } : {}) });
  if (!result.ok) return failed('Could not reach a lead', result);
  useUiStore.getState().announced('A lead has been asked for help');
  return true;
}

export async function loadReport(): Promise<boolean> {
  const store = useSupervisorStore.getState();
  const range = rangeToIso(store.range);
  if (!range) {
    store.reportFailed('Choose a start date on or before the end date.');
    return false;
  }
  store.reportRequested();
  const result = await call('supervisor:report', range);
  if (!result.ok) {
    useSupervisorStore.getState().reportFailed(result.error.message);
    return false;
  }
  useSupervisorStore.getState().reportLoaded(result.value);
  return true;
}

/** Resolves with the CSV text (the view offers it as a download), or null when it failed. */
export async function exportCsv(): Promise<{ csv: string; rows: number; truncated: boolean } | null> {
  const range = rangeToIso(useSupervisorStore.getState().range);
  if (!range) return null;
  const result = await call('supervisor:exportCsv', range);
  if (!result.ok) {
    failed('Could not export the rows', result);
    return null;
  }
  return result.value;
}
