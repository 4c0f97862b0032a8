// @ts-check
// Runs a script of the CLI bundle (CommonJS) with a V8 code cache, kept beside the script.
// The cache is written after a successful run, so it holds every function that run compiled:
// the next run of the same command compiles almost nothing. (Node's own compile cache is written
// before a module runs and so holds only each module's top level; the bundle's modules are all
// functions, which it would leave to be compiled on every run.) A cache V8 rejects (another Node,
// other flags) is simply written again.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";

/**
 * @param {string} file
 * @returns {Buffer | undefined}
 */
function readIfThere(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs the bundle as Node would run a CommonJS module, with `__runnerImport` for the one import()
 * of a runtime path the bundle makes (a config file: see build-cli-bundle.ts).
 * @param {string} bundle
 */
export function runCliBundle(bundle) {
  const cacheFile = `${bundle}.code-cache`;
  const cachedData = readIfThere(cacheFile);
  const source = `(function (exports, require, module, __filename, __dirname, __runnerImport) {${readFileSync(bundle, "utf8")}\n})`;
  const script = new vm.Script(source, { filename: bundle, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once("exit", (code) => {
      if (code !== 0) return; // a run that stopped early compiled too little to be worth keeping
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // A read-only checkout runs without the cache.
      }
    });
  }
  const module = { exports: {} };
  /** @type {Function} */ (script.runInThisContext())(module.exports, createRequire(bundle), module, bundle, dirname(bundle), (/** @type {string} */ url) => import(url));
}
