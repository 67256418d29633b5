/** The newest non-test source file under the given folders. */
export function newestSource(dirs: string[]): { path: string | null; mtimeMs: number };
/** Why the renderer needs building, or null when out/renderer is current. */
export function staleReason(): string | null;
