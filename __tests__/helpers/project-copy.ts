// A throwaway copy of the project made of symbolic links, so a test can run the README's commands
// (which write cdktf.out/ and state files in the working directory) without touching the checkout.
import { mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** What commands write; a copy starts without them. */
const OUTPUTS = new Set(["cdktf.out", ".scratch", ".sandbox", "state-backend.tfstate", "state-backend.tfstate.backup", ".git"]);

export function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "aws-org-project-"));
  for (const entry of readdirSync(ROOT)) if (!OUTPUTS.has(entry)) symlinkSync(join(ROOT, entry), join(dir, entry));
  return dir;
}
