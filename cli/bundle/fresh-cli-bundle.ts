// Builds the CLI bundle for the sources as they are now (~1.5 s, once per change) and records it
// as current. Builds land in a directory named by their fingerprint and are published by rename,
// so CLI runs started together (tests, CI steps) never see half a bundle; the one that loses a
// race uses the winner's. cli/aws-org.mjs calls this only when current-cli-bundle.mjs finds the
// recorded bundle stale.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildCliBundle } from "./build-cli-bundle.js";
import { BUNDLE_ROOT, bundleScript, CURRENT, type CurrentBundle } from "./current-cli-bundle.mjs";

/** Builds (and leftovers of interrupted ones) older than this, other than the current one, are removed: a run may still be reading a recent one. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

function pruneOldBuilds(root: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(join(root, BUNDLE_ROOT))) {
    const dir = join(BUNDLE_ROOT, name);
    if (name === CURRENT || dir === keep) continue;
    try {
      if (now - statSync(join(root, dir)).mtimeMs > PRUNE_AFTER_MS) rmSync(join(root, dir), { recursive: true, force: true });
    } catch {
      // Another run pruned it first.
    }
  }
}

/** Builds the bundle for the sources as they are now and records it as current; returns the script for this command. */
export async function rebuildCliBundle(root: string, command: string | undefined): Promise<string> {
  mkdirSync(join(root, BUNDLE_ROOT), { recursive: true });
  const scratch = mkdtempSync(join(root, BUNDLE_ROOT, "building-"));
  try {
    const build = await buildCliBundle(root, scratch);
    const dir = join(BUNDLE_ROOT, build.fingerprint.slice(0, 16));
    try {
      renameSync(scratch, join(root, dir));
    } catch (error) {
      // Another run published the same build first: identical content, use it.
      if (!bundleScript(join(root, dir), undefined)) throw error;
    }
    const record: CurrentBundle = { dir, sources: build.sources, fingerprint: build.fingerprint };
    const temporary = join(root, BUNDLE_ROOT, `${CURRENT}.${process.pid}.tmp`);
    writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(temporary, join(root, BUNDLE_ROOT, CURRENT));
    pruneOldBuilds(root, dir);
    const script = bundleScript(join(root, dir), command);
    if (!script) throw new Error(`the bundle in ${dir} has no script`);
    return script;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A new bundle of the sources, or undefined when there cannot be one (esbuild not installed, or
 * sources that do not build: running them from source then reports the problem as usual).
 */
export async function rebuiltCliBundle(root: string, command: string | undefined): Promise<string | undefined> {
  try {
    return await rebuildCliBundle(root, command);
  } catch {
    return undefined;
  }
}
