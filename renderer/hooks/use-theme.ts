// Applies the chosen theme to <html data-theme> ("system" follows prefers-color-scheme in CSS)
// and remembers the choice on this machine.
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
      // Storage can be unavailable (private mode); the choice then lasts for this session only.
    }
  }, [theme]);
}
