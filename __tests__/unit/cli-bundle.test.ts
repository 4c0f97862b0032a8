// The CLI bundle (cli/bundle/): built with the real esbuild for a small project of its own, run
// with Node, rebuilt exactly when what it was built from changes, and never half-published.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUNDLE_ROOT, currentCliBundle } from "../../cli/bundle/current-cli-bundle.mjs";
import { rebuildCliBundle, rebuiltCliBundle } from "../../cli/bundle/fresh-cli-bundle.js";

let root: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** What cli/aws-org.mjs runs: the current bundle, else a new one, else (undefined) the sources. */
const freshCliBundle = async (projectRoot: string): Promise<string | undefined> => currentCliBundle(projectRoot) ?? (await rebuiltCliBundle(projectRoot));

const run = (entry: string): string => execFileSync(process.execPath, [entry], { encoding: "utf8" }).trim();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cli-bundle-"));
  write("node_modules/.package-lock.json", '{ "packages": {} }');
  write("cli/message.ts", 'export const message: string = "one";\n');
  // Prints its message and the folder its source sits in (import.meta.url, kept per module).
  write("cli/main.ts", 'import { message } from "./message.js";\nconsole.log(`${message} ${new URL(".", import.meta.url).pathname}`);\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("the CLI bundle", () => {
  it("runs the program, and each module still sees its own source's URL", async () => {
    const entry = await freshCliBundle(root);
    expect(entry).toBeDefined();
    expect(entry!.startsWith(join(root, BUNDLE_ROOT))).toBe(true);
    expect(run(entry!)).toBe(`one ${join(root, "cli")}/`);
  });

  it("is reused while nothing changes, and rebuilt when a source or the installed packages change", async () => {
    const first = await freshCliBundle(root);
    expect(currentCliBundle(root)).toBe(first);
    expect(await freshCliBundle(root)).toBe(first);

    write("cli/message.ts", 'export const message: string = "two";\n');
    expect(currentCliBundle(root)).toBeUndefined();
    const second = await freshCliBundle(root);
    expect(second).not.toBe(first);
    expect(run(second!)).toMatch(/^two /);

    write("node_modules/.package-lock.json", '{ "packages": { "node_modules/x": {} } }');
    expect(currentCliBundle(root)).toBeUndefined();
    expect(run((await freshCliBundle(root))!)).toMatch(/^two /);
  });

  it("is rebuilt when a source it holds is deleted", async () => {
    await freshCliBundle(root);
    write("cli/main.ts", 'console.log("no message");\n');
    rmSync(join(root, "cli/message.ts"));
    expect(currentCliBundle(root)).toBeUndefined();
    expect(run((await freshCliBundle(root))!)).toBe("no message");
  });

  it("is not had when the sources do not build, so the launcher runs them from source", async () => {
    await freshCliBundle(root);
    write("cli/message.ts", "export const message: string = ;\n");
    expect(await freshCliBundle(root)).toBeUndefined();
    expect(currentCliBundle(root)).toBeUndefined();
  });

  it("built by several runs at once: one bundle, a valid record, no leftovers", async () => {
    const entries = await Promise.all(Array.from({ length: 4 }, () => rebuildCliBundle(root)));
    expect(new Set(entries).size).toBe(1);
    expect(currentCliBundle(root)).toBe(entries[0]);
    const left = readdirSync(join(root, BUNDLE_ROOT)).sort();
    expect(left).toEqual(["current.json", entries[0]!.split("/").at(-2)!].sort());
    expect(JSON.parse(readFileSync(join(root, BUNDLE_ROOT, "current.json"), "utf8")).sources).toEqual([expect.stringMatching(/cli\/bundle\/build-cli-bundle\.ts$/), "cli/main.ts", "cli/message.ts"]);
  });

  it("removes builds older than an hour, keeps recent ones a run may still read", async () => {
    const first = (await freshCliBundle(root))!;
    const firstDir = dirname(first);
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
