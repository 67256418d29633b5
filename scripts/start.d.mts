/** The Electron binary's path, or null when the electron package has none downloaded. */
export function electronBinary(electronDir?: string): string | null;
