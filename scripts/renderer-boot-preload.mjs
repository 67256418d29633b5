// A Vite plugin for the renderer build (electron.vite.config.ts and scripts/ensure-build.mjs):
// renderer/main.tsx evaluates the bundle in stages, one dynamic import after another, so that no
// task before the first paint is long. Left alone, each stage would also wait for its chunk to be
// fetched only when the one before it is done. This lists every chunk of those stages (and their
// styles) in index.html, so the browser fetches and compiles them all at once, in parallel, and
// each stage then only evaluates. Lazily loaded screens (the supervisor view) are not listed.

/** @returns {import('vite').Plugin} */
export function rendererBootPreload() {
  let base = '/';
  return {
    name: 'baton-renderer-boot-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const { bundle, chunk } = ctx;
        if (!bundle || !chunk) return [];
        const scripts = new Set();
        const styles = new Set();
        const visit = (fileName) => {
          const file = bundle[fileName];
          if (!file || file.type !== 'chunk' || scripts.has(fileName)) return;
          scripts.add(fileName);
          for (const css of file.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const dependency of file.imports) visit(dependency);
        };
        // The entry is loading already (later chunks import Vite's preload helper from it).
        scripts.add(chunk.fileName);
        for (const stage of chunk.dynamicImports) visit(stage);
        scripts.delete(chunk.fileName);
        // The entry's own styles are linked by Vite already.
        for (const css of chunk.viteMetadata?.importedCss ?? []) styles.delete(css);
        return [
          ...[...scripts].map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: base + fileName }, injectTo: 'head' })),
          ...[...styles].map((fileName) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: base + fileName }, injectTo: 'head' })),
        ];
      },
    },
  };
}
