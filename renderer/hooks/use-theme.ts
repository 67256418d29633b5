// Applies the theme in use to <html data-theme> ("system" follows prefers-color-scheme in CSS).
// The choice is kept in the agent's settings (services side, so it follows them to the next start
// and to every window); a copy in localStorage only paints the first frame in the right colours
// before the settings have arrived.
import { useEffect } from 'react';
import { THEMES, useUiStore, type Theme } from '../stores/ui-store';
import { selectTheme } from '../stores/ui-selectors';

const STORAGE_KEY = 'baton.theme';

export function loadSavedTheme(): Theme {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return (THEMES as readonly string[]).includes(saved ?? '') ? (saved as Theme) : 'system';
  } catch {
    return 'system';
  }
}

export function useTheme(): void {
  const theme = useUiStore(selectTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Storage can be unavailable (private mode); the first frame then uses the system theme.
    }
  }, [theme]);
}
