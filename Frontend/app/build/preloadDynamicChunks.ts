import type { Plugin } from 'vite';

/**
 * Adds a `<link rel="modulepreload">` to index.html for each chunk whose source is one of `sources` (modules the
 * entry loads with `import()`): the small entry runs first and asks for the open tab's snapshot, and the app's own
 * chunk is fetched beside it instead of after it. Vite preloads only a dynamic chunk's dependencies, and only once
 * the `import()` runs.
 */
export function preloadDynamicChunks(sources: string[]): Plugin {
  return {
    name: 'preload-dynamic-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter(
          (output) => output.type === 'chunk' && output.facadeModuleId !== null && sources.some((source) => output.facadeModuleId!.endsWith(source)),
        );
        if (chunks.length !== sources.length) {
          throw new Error(`preload-dynamic-chunks: found ${chunks.length} of the chunks of ${sources.join(', ')}`);
        }
        return chunks.map((chunk) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' as const }));
      },
    },
  };
}
