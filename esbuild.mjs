// Builds the extension host bundle (Node, CommonJS, `vscode` external) and the
// payload and Insights views' browser scripts into dist/, and copies the sql.js wasm and the
// view's stylesheet beside them. Types are checked separately by `tsc --noEmit`.
//   node esbuild.mjs               development build (source maps)
//   node esbuild.mjs --production  minified, no source maps
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Prints errors in the format of the problem matcher in .vscode/tasks.json; in
 * watch mode, one "build started" / "build finished" pair around all bundles.
 */
let building = 0;
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch && building++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch && --building === 0) console.log('[watch] build finished');
    });
  },
};

/** Static files the bundles load at run time. */
const copyAssetsPlugin = {
  name: 'copy-assets',
  setup(build) {
    build.onEnd(() => {
      const copies = [
        [require.resolve('sql.js/dist/sql-wasm.wasm'), 'dist/sql-wasm.wasm'],
        ['media/payloadView.css', 'dist/webview/payloadView.css'],
        ['media/insightsView.css', 'dist/webview/insightsView.css'],
      ];
      for (const [from, to] of copies) {
        if (!fs.existsSync(from)) continue;
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(from, to);
      }
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, copyAssetsPlugin],
  },
];
if (fs.existsSync('src/webview/media/payloadView.ts')) {
  builds.push({
    ...common,
    entryPoints: ['src/webview/media/payloadView.ts'],
    outfile: 'dist/webview/payloadView.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

// The Insights view's script bundles Chart.js; --metafile=<path> writes esbuild's
// metafile of that bundle, to see what it weighs.
const metafilePath = process.argv.find((a) => a.startsWith('--metafile='))?.slice('--metafile='.length);
builds.push({
  ...common,
  entryPoints: ['src/webview/media/insightsView.ts'],
  outfile: 'dist/webview/insightsView.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  metafile: metafilePath !== undefined,
  plugins: [
    ...common.plugins,
    ...(metafilePath === undefined
      ? []
      : [
          {
            name: 'write-metafile',
            setup(build) {
              build.onEnd((result) => {
                if (result.metafile) fs.writeFileSync(metafilePath, JSON.stringify(result.metafile));
              });
            },
          },
        ]),
  ],
});

// A one-off build starts from an empty dist/, so no stale file (an old source map) is packaged.
if (!watch) fs.rmSync('dist', { recursive: true, force: true });
const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
}
