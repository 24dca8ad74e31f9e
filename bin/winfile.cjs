#!/usr/bin/env node
'use strict';
// Starts the CLI bundles through V8's code cache: they hold the shell grammars and effect
// classifiers, and compiling them is a noticeable part of a short run such as a pre-commit hook.
// Each bundle's cache sits in the temporary directory, keyed by the bundle and the V8 version; a
// missing or stale cache only means compiling as usual. The same directory keeps analyses of RUN
// scripts (src/cli/analysis-cache.ts), keyed by this build. WINFILE_NO_CACHE=1 turns both off.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');

const dist = path.join(__dirname, '..', 'dist');
const useCache = !process.env.WINFILE_NO_CACHE && !process.env.WINFILE_NO_COMPILE_CACHE;
const cacheDir = path.join(os.tmpdir(), `winfile-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
const loaded = new Map();
/** Runs longer than this may refresh an existing code cache (see the end of this file). */
const LONG_RUN_MS = 400;
const toCache = [];

function load(name) {
  if (loaded.has(name)) return loaded.get(name);
  const file = path.join(dist, name);
  const code = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const cacheFile = path.join(cacheDir, `${name}-${process.versions.v8}-${stat.size}-${Math.floor(stat.mtimeMs)}.bin`.replace(/[^\w.-]/g, '_'));
  let cachedData;
  if (useCache) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(code), { filename: file, cachedData });
  if (useCache) toCache.push({ name, script, cacheFile, had: cachedData && !script.cachedDataRejected ? cachedData.length : 0 });
  const mod = { exports: {} };
  loaded.set(name, mod.exports);
  script.runInThisContext().call(mod.exports, mod.exports, require, mod, file, dist);
  loaded.set(name, mod.exports);
  return mod.exports;
}

if (useCache) {
  try {
    const build = ['cli.cjs', 'analyze.cjs'].map((n) => {
      const st = fs.statSync(path.join(dist, n));
      return `${st.size}-${Math.floor(st.mtimeMs)}`;
    });
    globalThis[Symbol.for('winfile.cache')] = { dir: cacheDir, build: build.join('-') };
  } catch {
    // Without the bundles' identity, analyses are not cached.
  }
}

// Bundles load one another through these; import() is only for the ES module colour reporter.
globalThis[Symbol.for('winfile.load')] = load;
globalThis[Symbol.for('winfile.import')] = (name) => import(pathToFileURL(path.join(dist, name)).href);

load('cli.cjs')
  .main()
  .then(() => {
    // Written after the run, so each cache holds the functions that actually ran. A cache made by
    // a short run (one file) lacks most of what a long one (a whole repository) compiles; a long
    // run rewrites it when it compiled noticeably more; `.long` marks a cache a long run has
    // checked, so the next long runs do not serialise the code again only to compare it.
    const long = process.uptime() * 1000 > LONG_RUN_MS;
    for (const { name, script, cacheFile, had } of toCache) {
      if (had > 0 && (!long || fs.existsSync(`${cacheFile}.long`))) continue;
      try {
        fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        const data = script.createCachedData();
        if (long) fs.writeFileSync(`${cacheFile}.long`, '');
        if (had > 0 && data.length < had * 1.1) continue;
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, data);
        fs.renameSync(tmp, cacheFile);
        // Caches of other builds of this bundle (another size or time) are of no more use.
        const own = path.basename(cacheFile);
        for (const f of fs.readdirSync(cacheDir)) {
          if (f.startsWith(`${name}-`) && !f.startsWith(own) && !f.endsWith('.tmp')) fs.rmSync(path.join(cacheDir, f), { force: true });
        }
      } catch {
        // A read-only or full temporary directory costs only speed.
      }
    }
  });
