// Screen-only state: the theme in use, the shortcut help overlay and the Settings dialog, the offers
// shown in the in-app banner, announcements for screen readers, and error notices from API calls.
// Nothing here crosses to the services (the saved theme lives in the settings store).
import { create } from 'zustand';
import { THEME_SETTINGS, type ThemeSetting } from '../../shared/settings';

export const THEMES = THEME_SETTINGS;
export type Theme = ThemeSetting;

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
  settingsOpen: boolean;
  /** Offers that arrived while the agent was looking, newest last, shown in the in-app banner. */
  bannerIds: string[];

  themeChosen(theme: Theme): void;
  helpToggled(open?: boolean): void;
  announced(text: string): void;
  errorShown(text: string): void;
  noticeDismissed(id: number): void;
  declineOpened(handoffId: string | null): void;
  settingsToggled(open?: boolean): void;
  offerBannered(handoffId: string): void;
  bannerDismissed(handoffId: string): void;
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
  settingsOpen: false,
  bannerIds: [],
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
  settingsToggled: (open) => set((state) => ({ settingsOpen: open ?? !state.settingsOpen })),
  offerBannered: (handoffId) => set((state) => (state.bannerIds.includes(handoffId) ? {} : { bannerIds: [...state.bannerIds, handoffId] })),
  bannerDismissed: (handoffId) => set((state) => (state.bannerIds.includes(handoffId) ? { bannerIds: state.bannerIds.filter((id) => id !== handoffId) } : {})),
  reset: () =>
    set({ theme: 'system', helpOpen: false, announcement: { text: '', seq: 0 }, notices: [], decliningId: null, settingsOpen: false, bannerIds: [] }),
}));
