// A config as it was at a git revision, for `aws-org impact`'s "before": the files of the config's
// folder (its policy documents with it) and of config-language/ (which a config imports) at that
// revision, written to a temporary directory that the caller removes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const git = (cwd: string, args: string[]): string => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** The merge base of HEAD and `base`, as `git merge-base` gives it; an error that says what to pass otherwise. */
export function mergeBase(cwd: string, base: string): string {
  try {
    return git(cwd, ["merge-base", "HEAD", base]);
  } catch (error) {
    const reason = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split("\n")[0];
    throw new Error(`cannot find where HEAD left ${base} (git merge-base HEAD ${base}: ${reason || "no common commit"}): pass --base <revision> or --before <config file>`);
  }
}

export interface ConfigAtRevision {
  file: string;
  /** The temporary directory, with a trailing slash: error messages drop it. */
  root: string;
  remove(): void;
}

export function configAtRevision(cwd: string, revision: string, configFile: string): ConfigAtRevision {
  const top = git(cwd, ["rev-parse", "--show-toplevel"]);
  const inRepo = relative(top, resolve(cwd, configFile));
  if (inRepo.startsWith("..")) throw new Error(`${configFile} is outside the git repository at ${top}: pass --before <config file>`);
  const folder = inRepo.includes("/") ? inRepo.slice(0, inRepo.indexOf("/")) : ".";
  const dir = mkdtempSync(join(tmpdir(), "aws-org-impact-"));
  try {
    // A TypeScript config imports config-language/define-organization.ts; a JSON config needs nothing else.
    const paths = folder === "." ? ["."] : [folder, ...(git(top, ["ls-tree", "--name-only", revision, "config-language"]) ? ["config-language"] : [])];
    const archive = execFileSync("git", ["archive", "--format=tar", revision, "--", ...paths], { cwd: top, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive, stdio: ["pipe", "ignore", "pipe"] });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const reason = ((error as { stderr?: Buffer }).stderr?.toString() ?? (error as Error).message).trim().split("\n")[0];
    throw new Error(`cannot read ${inRepo} at ${revision.slice(0, 12)}: ${reason}`);
  }
  return { file: join(dir, inRepo), root: `${dir}/`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
