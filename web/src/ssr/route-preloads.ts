// What a server-rendered page asks for besides the entry: the chunks of the lazy components it rendered (a
// material's view, the calendar's list, ...) and the chunks those import, as the build manifest lists them.
// In the HTML, the browser fetches them beside the entry instead of after it has run, and Vite's preload
// helper, finding the links, adds none of its own during the boot. At low priority: they only hydrate what is
// painted already, so the stylesheet and images go first.

/** One chunk of Vite's build manifest (`build.manifest`): its file, the chunks it imports, its stylesheets. */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
export type BuildManifest = Record<string, ManifestChunk>;

/**
 * Link tags for the chunks holding `modules` (the component ids the SSR context collected while rendering) and
 * everything they import, except the entry's own (the shell links those already); their stylesheets too, so a
 * lazy component's styles are there at the first paint.
 */
export function routePreloads(manifest: BuildManifest, modules: Iterable<string>): string {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const id of modules) visit(id);
  return [
    ...[...styles].map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`),
    ...[...scripts].map((file) => `<link rel="modulepreload" crossorigin fetchpriority="low" href="/${file}">`),
  ].join('\n');
}
