// Selectors for the screen-only store.
import type { UiState } from './ui-store';

export const selectTheme = (s: UiState) => s.theme;
export const selectHelpOpen = (s: UiState) => s.helpOpen;
export const selectAnnouncement = (s: UiState) => s.announcement;
export const selectNotices = (s: UiState) => s.notices;
export const selectDecliningId = (s: UiState) => s.decliningId;
export const selectSettingsOpen = (s: UiState) => s.settingsOpen;
export const selectBannerIds = (s: UiState) => s.bannerIds;
