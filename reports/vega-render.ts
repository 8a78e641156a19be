/**
 * Vega on both sides of the page. Server side, each chart is rendered to static SVG so the report reads
 * without JavaScript (and in mail clients or CI artefact viewers); client side, the minified Vega,
 * Vega-Lite and vega-embed builds are read from node_modules to be inlined, so the page needs no network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Renders a Vega-Lite spec to an SVG document string with Vega's headless view (no DOM, no canvas). */
export async function renderStaticSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The browser builds, in load order: vega-lite needs the `vega` global, vega-embed needs both. */
const BROWSER_BUILDS = ['vega', 'vega-lite', 'vega-embed'] as const;

let cachedBuilds: readonly string[] | undefined;

/**
 * The source of each package's `build/<name>.min.js` (a UMD bundle that sets a global), located beside
 * the package's resolved entry point. Read once per process: the files are large and never change.
 */
export function vegaBrowserBuilds(): readonly string[] {
  cachedBuilds ??= BROWSER_BUILDS.map((name) => {
    const entry = createRequire(import.meta.url).resolve(name);
    const path = join(dirname(entry), `${name}.min.js`);
    if (!existsSync(path)) throw new Error(`cannot find the browser build of ${name} at ${path}`);
    return readFileSync(path, 'utf8');
  });
  return cachedBuilds;
}
