// The supervisor view's state: the hub's latest live snapshot, the report on screen and its date
// range, and whispers this desktop received (agents see those). Actions are named as the events
// that cause them; only renderer/supervisor/supervisor-client.ts dispatches the ones from the API.
import { create } from 'zustand';
import type { SupervisorReport, SupervisorSnapshot, Whisper } from '../../shared/supervision';

export type SupervisorTab = 'live' | 'reports';

export interface ReportRangeInput {
  /** yyyy-mm-dd, local dates (inclusive). */
  fromDate: string;
  toDate: string;
}

export interface SupervisorState {
  snapshot: SupervisorSnapshot | null;
  tab: SupervisorTab;
  range: ReportRangeInput;
  report: SupervisorReport | null;
  reportLoading: boolean;
  reportError: string | null;
  whispers: Whisper[];

  snapshotReceived(snapshot: SupervisorSnapshot): void;
  tabChosen(tab: SupervisorTab): void;
  rangeChanged(range: Partial<ReportRangeInput>): void;
  reportRequested(): void;
  reportLoaded(report: SupervisorReport): void;
  reportFailed(message: string): void;
  whisperReceived(whisper: Whisper): void;
  whisperDismissed(id: string): void;
  reset(): void;
}

export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function defaultRange(): ReportRangeInput {
  const today = Date.now();
  return { fromDate: localDate(today - 6 * 86_400_000), toDate: localDate(today) };
}

const MAX_WHISPERS = 5;

export const useSupervisorStore = create<SupervisorState>()((set) => ({
  snapshot: null,
  tab: 'live',
  range: defaultRange(),
  report: null,
  reportLoading: false,
  reportError: null,
  whispers: [],
  snapshotReceived: (snapshot) =>
    set((state) => (state.snapshot && state.snapshot.at > snapshot.at ? {} : { snapshot })),
  tabChosen: (tab) => set({ tab }),
  rangeChanged: (range) => set((state) => ({ range: { ...state.range, ...range } })),
  reportRequested: () => set({ reportLoading: true, reportError: null }),
  reportLoaded: (report) => set({ report, reportLoading: false, reportError: null }),
  reportFailed: (message) => set({ reportLoading: false, reportError: message }),
  whisperReceived: (whisper) =>
    set((state) => (state.whispers.some((w) => w.id === whisper.id) ? {} : { whispers: [...state.whispers, whisper].slice(-MAX_WHISPERS) })),
  whisperDismissed: (id) => set((state) => ({ whispers: state.whispers.filter((w) => w.id !== id) })),
  reset: () => set({ snapshot: null, tab: 'live', range: defaultRange(), report: null, reportLoading: false, reportError: null, whispers: [] }),
}));

/** The local-date range as the API wants it: from the start of fromDate to the end of toDate. */
export function rangeToIso(range: ReportRangeInput): { from: string; to: string } | null {
  const from = new Date(`${range.fromDate}T00:00:00`);
  const to = new Date(`${range.toDate}T00:00:00`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null;
  to.setDate(to.getDate() + 1);
  if (to <= from) return null;
  return { from: from.toISOString(), to: to.toISOString() };
}
