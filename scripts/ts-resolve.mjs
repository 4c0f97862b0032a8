// Lets Node run this project's TypeScript without a loader thread: Node 24 strips the types of
// .ts files itself; this in-thread hook only maps the ".js" in the project's imports (the
// TypeScript convention, which tsc checks) to the ".ts" file beside it. Node's compile cache keeps
// the stripped and compiled modules between runs (keyed by their content), which halves a synth.
import { enableCompileCache, registerHooks } from "node:module";

enableCompileCache();

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (/** @type {{ code?: string } | undefined} */ (error)?.code !== "ERR_MODULE_NOT_FOUND" || !/^\.\.?\//.test(specifier) || !specifier.endsWith(".js")) throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});
