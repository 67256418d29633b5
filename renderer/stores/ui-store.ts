// Screen-only state: theme, the shortcut help overlay, announcements for screen readers, and error
// notices from API calls. Nothing here crosses to the services.
import { create } from 'zustand';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Notice {
  id: number;
  text: string;
}

export interface UiState {
  theme: Theme;
  helpOpen: boolean;
  /** The latest polite announcement; `seq` changes even when the text repeats. */
  announcement: { text: string; seq: number };
  notices: Notice[];
  /** The offer whose decline-reason form is open. */
  decliningId: string | null;

  themeChosen(theme: Theme): void;
  helpToggled(open?: boolean): void;
  announced(text: string): void;
  errorShown(text: string): void;
  noticeDismissed(id: number): void;
  declineOpened(handoffId: string | null): void;
  reset(): void;
}

const MAX_NOTICES = 4;
let nextNoticeId = 1;

export const useUiStore = create<UiState>()((set) => ({
  theme: 'system',
  helpOpen: false,
  announcement: { text: '', seq: 0 },
  notices: [],
  decliningId: null,
  themeChosen: (theme) => set({ theme }),
  helpToggled: (open) => set((state) => ({ helpOpen: open ?? !state.helpOpen })),
  announced: (text) => set((state) => ({ announcement: { text, seq: state.announcement.seq + 1 } })),
  errorShown: (text) =>
    set((state) => {
      // The same failure repeated (a flapping link) stays one notice.
      if (state.notices.some((n) => n.text === text)) return {};
      return { notices: [...state.notices, { id: nextNoticeId++, text }].slice(-MAX_NOTICES) };
    }),
  noticeDismissed: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
  declineOpened: (handoffId) => set({ decliningId: handoffId }),
  reset: () => set({ theme: 'system', helpOpen: false, announcement: { text: '', seq: 0 }, notices: [], decliningId: null }),
}));
