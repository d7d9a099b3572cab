// Bundles the portal's scripts with esbuild and copies its static files into OUT_DIR (the Maven build
// passes target/classes/META-INF/resources/portal, which Quarkus serves under /portal/).
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
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
await build({
  entryPoints: { 'assets/fluxes': join(here, 'src', 'fluxes.js') },
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
