// shared/ sees neither DOM nor Node typings (so it cannot lean on either by accident); these are
// the few globals that every JavaScript host Baton runs on (Node, Electron, Chromium) provides.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare const console: { warn(...args: unknown[]): void; error(...args: unknown[]): void; log(...args: unknown[]): void };
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBuffer | Uint8Array): string;
}
