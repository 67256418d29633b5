// Who is signed in and whether the link to the hub is up. Actions are named as the events that
// cause them; only renderer/services/baton-client.ts dispatches the ones that come from the API.
import { create } from 'zustand';
import type { ConnectionState, Session } from '../../shared/api';
import type { Presence } from '../../shared/domain';

export interface SessionState {
  session: Session | null;
  connection: ConnectionState | null;
  /** Why the session could not be loaded, in words a person can act on. */
  loadError: string | null;
  presencePending: boolean;

  sessionLoaded(session: Session): void;
  sessionLoadFailed(message: string): void;
  /** Pushed by the services, e.g. when a lead changed this agent's presence. */
  sessionChanged(session: Session): void;
  connectionChanged(connection: ConnectionState): void;
  presenceRequested(): void;
  presenceChanged(presence: Presence): void;
  presenceFailed(): void;
  reset(): void;
}

const initial = { session: null, connection: null, loadError: null, presencePending: false };

export const useSessionStore = create<SessionState>()((set) => ({
  ...initial,
  sessionLoaded: (session) => set({ session, connection: session.connection, loadError: null }),
  sessionLoadFailed: (message) => set({ loadError: message }),
  sessionChanged: (session) => set({ session, connection: session.connection, loadError: null }),
  connectionChanged: (connection) => set({ connection }),
  presenceRequested: () => set({ presencePending: true }),
  presenceChanged: (presence) =>
    set((state) => ({
      presencePending: false,
      // The agent's own choice: whatever the OS said before no longer explains it.
      session: state.session?.agent ? { ...state.session, agent: { ...state.session.agent, presence }, presenceReason: null } : state.session,
    })),
  presenceFailed: () => set({ presencePending: false }),
  reset: () => set(initial),
}));
