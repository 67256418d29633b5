import type { Plugin } from 'vite';

/** Lists the chunks of renderer/main.tsx's boot stages in index.html, so they are fetched at once. */
export function rendererBootPreload(): Plugin;
