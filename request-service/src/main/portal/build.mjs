// Bundles the portal's page scripts (src/pages/*.js, each with what it imports) with esbuild and copies its static files into OUT_DIR (the Maven build
// passes target/classes/META-INF/resources/portal, which Quarkus serves under /portal/).
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.env.OUT_DIR;
if (!out) {
  console.error('OUT_DIR is not set (the directory the pages are written to)');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(here, 'static'), out, { recursive: true });
// sql.js's WebAssembly (territory files in GeoPackage are read in the browser): served with the pages, never from a CDN.
cpSync(join(here, 'node_modules', 'sql.js', 'dist', 'sql-wasm-browser.wasm'), join(out, 'assets', 'sql-wasm.wasm'));
// Every page's script is src/pages/<page>.js, bundled into assets/<page>.js (its HTML page in static/ loads it).
const pages = join(here, 'src', 'pages');
const entryPoints = Object.fromEntries(readdirSync(pages).filter((name) => name.endsWith('.js')).sort()
  .map((name) => [`assets/${name.slice(0, -'.js'.length)}`, join(pages, name)]));
await build({
  entryPoints,
  outdir: out,
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`portal built into ${out}`);
