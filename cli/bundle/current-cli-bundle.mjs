// @ts-check
// Which CLI bundle matches the sources as they are now. Plain JavaScript, because it runs on every
// `aws-org` call before anything else: a .ts file here would make Node load its TypeScript
// stripper (~50 ms) even when the config is JSON and the bundle is fresh.
//
// A bundle's fingerprint is one hash of where the project is (the bundle keeps each module's own
// import.meta.url, an absolute path), the project files it holds (path and content), and the
// installed packages (npm rewrites node_modules/.package-lock.json on every install).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Where bundles are built, inside the project (gitignored) so their imports find node_modules. */
export const BUNDLE_ROOT = ".build/cli";
/** A bundle's scripts: `main.cjs` (every command) and one `<command>.cjs` per command. */
export const BUNDLE_EXTENSION = ".cjs";
const ALL_COMMANDS = "main";
/** The record of the current bundle, in BUNDLE_ROOT. */
export const CURRENT = "current.json";
const INSTALLED_PACKAGES = "node_modules/.package-lock.json";

/**
 * @typedef {{ path: string, content: Buffer }} SourceFile A project file, its path relative to the project root.
 * @typedef {{ dir: string, sources: string[], fingerprint: string }} CurrentBundle What current.json records: the bundle's directory (relative to the project root), the files it holds, their fingerprint.
 */

/**
 * The installed packages' lock file, or undefined when there is none.
 * @param {string} projectRoot
 * @returns {Buffer | undefined}
 */
export function installedPackages(projectRoot) {
  try {
    return readFileSync(join(projectRoot, INSTALLED_PACKAGES));
  } catch {
    return undefined;
  }
}

/**
 * One hash of the project's place, these files' paths and contents, and the installed packages.
 * @param {string} projectRoot
 * @param {readonly SourceFile[]} files
 * @param {Buffer | undefined} packages
 * @returns {string}
 */
export function sourceFingerprint(projectRoot, files, packages) {
  const hash = createHash("sha256").update(`${resolve(projectRoot)}\0`);
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${file.content.length}\0`).update(file.content);
  }
  hash.update(`${INSTALLED_PACKAGES}\0`).update(packages ?? "none");
  return hash.digest("hex");
}

/**
 * The fingerprint of these files as they are on disk now; undefined when one of them is gone.
 * @param {string} projectRoot
 * @param {readonly string[]} paths
 * @returns {string | undefined}
 */
export function fingerprintOnDisk(projectRoot, paths) {
  /** @type {SourceFile[]} */
  const files = [];
  for (const path of paths) {
    try {
      files.push({ path, content: readFileSync(join(projectRoot, path)) });
    } catch {
      return undefined;
    }
  }
  return sourceFingerprint(projectRoot, files, installedPackages(projectRoot));
}

/**
 * @param {string} projectRoot
 * @returns {CurrentBundle | undefined}
 */
export function readCurrentBundle(projectRoot) {
  try {
    const current = JSON.parse(readFileSync(join(projectRoot, BUNDLE_ROOT, CURRENT), "utf8"));
    return typeof current?.dir === "string" && Array.isArray(current.sources) && typeof current.fingerprint === "string" ? current : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The script to run for this command from the recorded bundle, if that bundle was built from the
 * sources as they are now: the command's own script, else (help, an unknown name) `main.cjs`.
 * @param {string} projectRoot
 * @param {string | undefined} command
 * @returns {string | undefined}
 */
export function currentCliBundle(projectRoot, command) {
  const current = readCurrentBundle(projectRoot);
  if (!current || fingerprintOnDisk(projectRoot, current.sources) !== current.fingerprint) return undefined;
  return bundleScript(join(projectRoot, current.dir), command);
}

/**
 * @param {string} dir a bundle's directory
 * @param {string | undefined} command
 * @returns {string | undefined}
 */
export function bundleScript(dir, command) {
  for (const name of command && /^[a-z][a-z-]{0,40}$/.test(command) && command !== ALL_COMMANDS ? [command, ALL_COMMANDS] : [ALL_COMMANDS]) {
    const script = join(dir, `${name}${BUNDLE_EXTENSION}`);
    if (existsSync(script)) return script;
  }
  return undefined;
}
