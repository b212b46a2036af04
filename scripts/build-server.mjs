// Compiles the server (and the create-admin tool) to plain JavaScript for `node`, so nothing at
// run time needs the TypeScript loader or any dev dependency.
//
//   node scripts/build-server.mjs [--outdir DIR]     build now (default: dist-server/)
//   node scripts/build-server.mjs --if-stale         only when a source is newer than the build
//
// Packages stay external (resolved from node_modules at run time, as under tsx); our own modules
// are bundled, with code splitting so that a dynamic import() (export, DOCX, the editor schema,
// argon2) becomes its own chunk that is only read when first used. Source maps let
// `node --enable-source-maps` report TypeScript lines in stack traces.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');
export const defaultOutdir = path.join(root, 'dist-server');
/**
 * The flags the compiled server runs with (`npm start`, `npm run start:prod`, the Dockerfile and
 * the benchmarks read them from here). `--max-semi-space-size=4` (MB): V8's young generation
 * otherwise grows to 16 MB per semi-space under load, memory the server holds for garbage;
 * measured in bench/README.md ("Memory"). `--single-threaded-gc`: the collector's work stays on
 * the main thread instead of being split over helper threads. The server shares its cores with
 * the database, the fsync thread and (under load) its clients; helpers that wait for a core made
 * young-generation pauses longer and cost CPU (bench/README.md, "Garbage collection"). An operator
 * on a machine with cores to spare may drop it.
 */
export const serverNodeFlags = ['--enable-source-maps', '--max-semi-space-size=4', '--single-threaded-gc'];
/**
 * The environment the compiled server starts with, under whatever the operator set (theirs wins).
 * `MALLOC_ARENA_MAX=1`: glibc gives every thread that allocates (the libuv pool doing the WAL's
 * fdatasync, V8's helpers) an arena of its own, which each keep freed memory; one shared arena
 * holds less (bench/README.md, "Memory"). Read by glibc at process start, so it cannot be set
 * from inside the server.
 */
export const serverEnv = { MALLOC_ARENA_MAX: '1' };
export const entryPoints = { index: 'server/index.ts', 'create-admin': 'scripts/create-admin.ts', 'copy-to-postgres': 'scripts/copy-to-postgres.ts' };

/** Newest modification time (ms) of any file under the given paths. */
export function newestMtime(...paths) {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Everything the server build is made from: a change to any of these makes it stale. */
function serverSources() {
  return ['server', 'shared', 'scripts/create-admin.ts', 'scripts/copy-to-postgres.ts', 'scripts/build-server.mjs', 'package-lock.json'].map((p) => path.join(root, p));
}

export function isServerBuildStale(outdir = defaultOutdir) {
  const built = path.join(outdir, 'index.mjs');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  return newestMtime(...serverSources()) > builtAt;
}

/**
 * `import.meta.dirname` in a source file means that file's directory (server/media reads its demo
 * recording next to itself). In the bundle it would mean the output directory, so it is rewritten
 * to the source directory, relative to the output directory: the build keeps working when the
 * checkout is moved, as long as dist-server/ stays beside server/.
 */
function keepSourceDirname(outdir) {
  return {
    name: 'keep-source-dirname',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await fs.promises.readFile(args.path, 'utf8');
        if (!source.includes('import.meta.')) return { contents: source, loader: 'ts' };
        const rel = path.relative(outdir, path.dirname(args.path)).split(path.sep).join('/');
        const dir = `(import.meta.dirname + ${JSON.stringify(`/${rel}`)})`;
        const contents = source
          .replaceAll('import.meta.dirname', dir)
          .replaceAll('import.meta.filename', `(${dir} + ${JSON.stringify(`/${path.basename(args.path)}`)})`)
          .replaceAll('import.meta.url', `(import.meta.url.replace(/[^/]*$/, '') + ${JSON.stringify(`${rel}/${path.basename(args.path)}`)})`);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** Builds into `outdir` (emptied first). esbuild is a build-time tool: imported only here. */
export async function buildServer(outdir = defaultOutdir) {
  const esbuild = await import('esbuild');
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, file]) => [name, path.join(root, file)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    // Chunks sit beside the entries: the import.meta.dirname rewrite above assumes every output
    // file lives directly in outdir.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [keepSourceDirname(outdir)],
  });
  // The output is ESM whatever a parent package.json says.
  fs.writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
  // esbuild keeps a service process running for further builds; `npm start` would carry it
  // beside the server for the server's whole life.
  await esbuild.stop();
  return path.join(outdir, 'index.mjs');
}

/**
 * Builds when the sources are newer than the build; returns the entry file. An installation
 * without dev dependencies (no esbuild) keeps running the build it has, with a warning: a
 * reinstall touches package-lock.json without changing the sources.
 */
export async function buildServerIfStale(outdir = defaultOutdir) {
  const entry = path.join(outdir, 'index.mjs');
  if (!isServerBuildStale(outdir)) return entry;
  try {
    await import('esbuild');
  } catch {
    if (!fs.existsSync(entry)) throw new Error('Geen serverbuild en geen esbuild: installeer met dev-dependencies en draai `npm run build`.');
    console.warn('Let op: bronnen zijn nieuwer dan dist-server/, maar esbuild ontbreekt; de bestaande build wordt gebruikt.');
    return entry;
  }
  console.log('Server bouwen…');
  return buildServer(outdir);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : defaultOutdir;
  if (process.argv.includes('--if-stale')) {
    await buildServerIfStale(outdir);
    process.exit(0);
  }
  const started = performance.now();
  await buildServer(outdir);
  console.log(`Server gebouwd in ${path.relative(process.cwd(), outdir) || '.'} (${Math.round(performance.now() - started)} ms)`);
}
