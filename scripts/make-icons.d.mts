// Types for make-icons.mjs.
export declare function makeIcons(options: { source: string; outDir: string }): Promise<string[]>;
