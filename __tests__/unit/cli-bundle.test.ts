// The CLI bundle (cli/bundle/): built with the real esbuild for a small project shaped like this
// one, run through the real runner with its code cache, rebuilt exactly when what it was built
// from changes, and never half-published.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUNDLE_ROOT, currentCliBundle } from "../../cli/bundle/current-cli-bundle.mjs";
import { rebuildCliBundle, rebuiltCliBundle } from "../../cli/bundle/fresh-cli-bundle.js";
import { COMMANDS } from "../../cli/commands.js";

const RUNNER = fileURLToPath(new URL("../../cli/bundle/run-cli-bundle.mjs", import.meta.url));
let root: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** What cli/aws-org.mjs runs for `hello`: the current bundle's script, else a new one's, else (undefined) the sources. */
const freshCliBundle = async (projectRoot: string, command = "hello"): Promise<string | undefined> =>
  currentCliBundle(projectRoot, command) ?? (await rebuiltCliBundle(projectRoot, command));

/** Runs a bundle script as cli/aws-org.mjs does. */
const run = (script: string): string =>
  execFileSync(process.execPath, ["--input-type=module", "-e", `(await import(${JSON.stringify(RUNNER)})).runCliBundle(${JSON.stringify(script)})`], { encoding: "utf8" }).trim();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cli-bundle-"));
  write("node_modules/.package-lock.json", '{ "packages": {} }');
  write("cli/program.ts", "export async function runProgram(commands: Record<string, () => Promise<() => void>>): Promise<void> {\n  for (const load of Object.values(commands)) (await load())();\n}\n");
  write("cli/main.ts", 'import { runProgram } from "./program.js";\nvoid runProgram({ hello: async () => (await import("./hello-command.js")).registerHelloCommand });\n');
  write("cli/message.ts", 'export const message: string = "one";\n');
  // Prints its message and the folder its source sits in (import.meta.url, kept per module).
  write("cli/hello-command.ts", 'import { message } from "./message.js";\nexport function registerHelloCommand(): void {\n  console.log(`${message} ${new URL(".", import.meta.url).pathname}`);\n}\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("the CLI bundle", () => {
  it("has a script per command and one with them all; each module still sees its own source's URL", async () => {
    const script = (await freshCliBundle(root))!;
    expect(script).toBe(join(root, BUNDLE_ROOT, readdirSync(join(root, BUNDLE_ROOT)).find((name) => name !== "current.json")!, "hello.cjs"));
    expect(run(script)).toBe(`one ${join(root, "cli")}/`);
    expect(run(currentCliBundle(root, "--help")!)).toBe(`one ${join(root, "cli")}/`);
    expect(currentCliBundle(root, "--help")).toMatch(/\/main\.cjs$/);
    expect(currentCliBundle(root, "unknown")).toMatch(/\/main\.cjs$/);
  });

  it("keeps a code cache after a successful run, which the next run uses", async () => {
    const script = (await freshCliBundle(root))!;
    expect(existsSync(`${script}.code-cache`)).toBe(false);
    expect(run(script)).toMatch(/^one /);
    const cache = readFileSync(`${script}.code-cache`);
    expect(cache.length).toBeGreaterThan(0);
    expect(run(script)).toMatch(/^one /);
    expect(readFileSync(`${script}.code-cache`).equals(cache)).toBe(true); // accepted, so not written again
  });

  it("is reused while nothing changes, and rebuilt when a source or the installed packages change", async () => {
    const first = await freshCliBundle(root);
    expect(currentCliBundle(root, "hello")).toBe(first);
    expect(await freshCliBundle(root)).toBe(first);

    write("cli/message.ts", 'export const message: string = "two";\n');
    expect(currentCliBundle(root, "hello")).toBeUndefined();
    const second = await freshCliBundle(root);
    expect(second).not.toBe(first);
    expect(run(second!)).toMatch(/^two /);

    write("node_modules/.package-lock.json", '{ "packages": { "node_modules/x": {} } }');
    expect(currentCliBundle(root, "hello")).toBeUndefined();
    expect(run((await freshCliBundle(root))!)).toMatch(/^two /);
  });

  it("is rebuilt when a source it holds is deleted", async () => {
    await freshCliBundle(root);
    write("cli/hello-command.ts", 'export function registerHelloCommand(): void {\n  console.log("no message");\n}\n');
    rmSync(join(root, "cli/message.ts"));
    expect(currentCliBundle(root, "hello")).toBeUndefined();
    expect(run((await freshCliBundle(root))!)).toBe("no message");
  });

  it("is not had when the sources do not build, so the launcher runs them from source", async () => {
    await freshCliBundle(root);
    write("cli/message.ts", "export const message: string = ;\n");
    expect(await freshCliBundle(root)).toBeUndefined();
    expect(currentCliBundle(root, "hello")).toBeUndefined();
  });

  it("built by several runs at once: one bundle, a valid record, no leftovers", async () => {
    const scripts = await Promise.all(Array.from({ length: 4 }, () => rebuildCliBundle(root, "hello")));
    expect(new Set(scripts).size).toBe(1);
    expect(currentCliBundle(root, "hello")).toBe(scripts[0]);
    const left = readdirSync(join(root, BUNDLE_ROOT)).sort();
    expect(left).toEqual(["current.json", scripts[0]!.split("/").at(-2)!].sort());
    const { sources } = JSON.parse(readFileSync(join(root, BUNDLE_ROOT, "current.json"), "utf8")) as { sources: string[] };
    expect(sources).toEqual([expect.stringMatching(/cli\/bundle\/build-cli-bundle\.ts$/), "cli/hello-command.ts", "cli/main.ts", "cli/message.ts", "cli/program.ts"]);
  });

  it("removes builds older than an hour, keeps recent ones a run may still read", async () => {
    const firstDir = dirname((await freshCliBundle(root))!);
    const old = join(root, BUNDLE_ROOT, "building-interrupted");
    mkdirSync(old);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    write("cli/message.ts", 'export const message: string = "two";\n');
    await freshCliBundle(root);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(firstDir)).toBe(true);

    utimesSync(firstDir, twoHoursAgo, twoHoursAgo);
    write("cli/message.ts", 'export const message: string = "three";\n');
    await freshCliBundle(root);
    expect(existsSync(firstDir)).toBe(false);
  });
});

describe("this project's CLI bundle", () => {
  const project = fileURLToPath(new URL("../../", import.meta.url));

  it("has a script for every command cli/commands.ts lists, and for no other", async () => {
    const files = readdirSync(join(project, "cli")).filter((file) => file.endsWith("-command.ts")).map((file) => file.slice(0, -"-command.ts".length));
    expect(files.sort()).toEqual(Object.keys(COMMANDS).sort());
    const dir = dirname((await freshCliBundle(project, "synth"))!);
    expect(readdirSync(dir).filter((file) => file.endsWith(".cjs")).sort()).toEqual([...files, "main"].map((name) => `${name}.cjs`).sort());
  });

  it("calls no import(), which a script run by vm does not have (only the runner's, for the config)", async () => {
    const dir = dirname((await freshCliBundle(project, "synth"))!);
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".cjs"))) {
      const calls = readFileSync(join(dir, file), "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && /(?<![\w.{$])import\(/.test(line));
      expect(calls, file).toEqual([]);
    }
  });
});
