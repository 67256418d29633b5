// Atomic selectors for the session store: each returns one primitive or a stable reference.
import type { SessionState } from './session-store';

export const selectAgentName = (s: SessionState) => s.session?.agent?.name ?? null;
export const selectPresence = (s: SessionState) => s.session?.agent?.presence ?? null;
/** Why the OS made the agent Away (screen locked, asleep, idle); null otherwise. */
export const selectPresenceReason = (s: SessionState) => (s.session?.agent?.presence === 'away' ? (s.session.presenceReason ?? null) : null);
export const selectPresencePending = (s: SessionState) => s.presencePending;
export const selectConnection = (s: SessionState) => s.connection;
export const selectLoadError = (s: SessionState) => s.loadError;
export const selectMode = (s: SessionState) => s.session?.mode ?? null;
export const selectIsOnline = (s: SessionState) => s.connection?.status === 'open';
