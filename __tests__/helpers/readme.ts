// Reads the README's shell blocks, so tests run the commands users read, as written.
import { readFileSync } from "node:fs";

const README = new URL("../../README.md", import.meta.url);

/** The first ```sh block under the heading `heading` (any level), as command lines without comments. */
export function readmeCommands(heading: string): string[] {
  const text = readFileSync(README, "utf8");
  const at = text.search(new RegExp(`^#+ ${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`, "m"));
  if (at < 0) throw new Error(`README.md has no heading "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) throw new Error(`README.md has no sh block under "${heading}"`);
  return block[1]!
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** The first plain ``` block under `heading`: output the README shows. */
export function readmeOutput(heading: string, after: string): string {
  const text = readFileSync(README, "utf8");
  const at = text.indexOf(after, text.search(new RegExp(`^#+ ${heading}\\s*$`, "m")));
  const block = /```\n([\s\S]*?)```/.exec(text.slice(at));
  if (at < 0 || !block) throw new Error(`README.md has no output block after "${after}" under "${heading}"`);
  return block[1]!;
}

/** The first ```json block under `heading`: a config the README shows. */
export function readmeJson(heading: string): string {
  const text = readFileSync(README, "utf8");
  const at = text.search(new RegExp(`^#+ ${heading}\\s*$`, "m"));
  const block = /```json\n([\s\S]*?)```/.exec(text.slice(at));
  if (at < 0 || !block) throw new Error(`README.md has no json block under "${heading}"`);
  return block[1]!;
}
