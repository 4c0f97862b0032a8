// Every way a config file can be unreadable gives one clear message naming the file and the
// problem (with line and column where there is one), exit 1, no stack trace, nothing written.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const made: string[] = [];
// Inside the project, so a .ts config resolves the project's modules as users' configs do.
const scratch = (): string => {
  mkdirSync(".scratch", { recursive: true });
  const dir = mkdtempSync(join(".scratch", "config-loading-"));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function synth(configFile: string, extraEnv: Record<string, string> = {}) {
  const dir = scratch();
  const out = join(dir, "out");
  const result = spawnSync(process.execPath, ["cli/aws-org.mjs", "synth", "--out", out], {
    env: { ...process.env, ORG_CONFIG: configFile, ...extraEnv },
    encoding: "utf8",
  });
  return { ...result, out };
}

/** The one header every config error starts with, then one line per problem. */
function expectOneError(result: ReturnType<typeof synth>, file: string, problem: string): void {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain(`Invalid organization config (${file}): 1 problem\n  - ${problem}`);
  expect(result.stderr.match(/Invalid organization config/g)).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/); // no stack trace
  expect(existsSync(join(result.out, "manifest.json"))).toBe(false);
}

const write = (name: string, content: string | Buffer): string => {
  const file = join(scratch(), name);
  writeFileSync(file, content);
  return file;
};

describe("loading the config", () => {
  it("names line and column of invalid JSON", () => {
    const file = write("bad.json", '{\n  "accounts": [\n    { "name": "a", }\n  ]\n}\n');
    expectOneError(synth(file), file, "line 3, column 20: not valid JSON: property name expected");
  });

  it("reports a key given twice in one JSON object", () => {
    const file = write("dup.json", '{\n  "defaultTags": { "Team": "a", "Team": "b" }\n}\n');
    expectOneError(synth(file), file, 'line 2, column 33: duplicate key "Team" in the same object: keep one');
  });

  it("says an empty JSON file is empty", () => {
    const file = write("empty.json", "  \n");
    expectOneError(synth(file), file, '(file): is empty: a JSON config is an object, e.g. { "accounts": [] }');
  });

  it("refuses a file that is not UTF-8", () => {
    const file = write("latin1.json", Buffer.from([0x7b, 0x22, 0x61, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    expectOneError(synth(file), file, "(file): is not UTF-8 text: save it as UTF-8");
  });

  it("names line and column of a TypeScript syntax error, without the parser's stack", () => {
    const file = write("syntax.ts", 'export default {\n  accounts: [ { name: "a" ,, } ],\n};\n');
    const result = synth(file);
    expectOneError(result, file, "line 2, column 28: TypeScript syntax error: Unexpected token `,`. Expected identifier, string literal, numeric literal or [ for the computed key");
    expect(result.stderr).not.toMatch(/node:internal|    at /);
  });

  it("names TypeScript that Node cannot run as it is (only erasable syntax: no enums, no parameter properties)", () => {
    const file = write("enum.ts", "enum Kind { A }\nexport default { accounts: [], kind: Kind.A };\n");
    const result = synth(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/line 1, column \d+: TypeScript syntax error: TypeScript enum is not supported in strip-only mode/);
  });

  it("says where a TypeScript config threw while loading", () => {
    const file = write("throws.ts", 'const x = 1;\nthrow new Error("no accounts today");\nexport default { x };\n');
    expectOneError(synth(file), file, "line 2, column 7: failed while loading: no accounts today");
  });

  it("asks for a default export when there is none", () => {
    const file = write("no-default.ts", "export const organization = {};\n");
    expectOneError(synth(file), file, "(file): has no default export: end it with `export default defineOrganization({ ... })`");
  });

  it("asks for a default export of an empty TypeScript file too", () => {
    const file = write("empty.ts", "");
    expectOneError(synth(file), file, "(file): has no default export: end it with `export default defineOrganization({ ... })`");
  });

  it("names the field whose getter throws, instead of a bare error", () => {
    const file = write("getter.ts", 'export default { emailConvention: "aws-{name}@example.com", get accounts() { throw new Error("boom"); } };\n');
    expectOneError(synth(file), file, "accounts: reading it threw: boom");
  });

  it("refuses a config that refers to itself", () => {
    const file = write("cycle.ts", "const config: Record<string, unknown> = { emailConvention: \"aws-{name}@example.com\" };\nconfig.self = config;\nexport default config;\n");
    expectOneError(synth(file), file, "self: refers to itself (a cycle): a config is data, a tree of values");
  });

  it("refuses JSON nested deeper than any config needs, with where, instead of overflowing the stack", () => {
    const file = write("deep.json", `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`);
    expectOneError(synth(file), file, "line 1, column 321: nests deeper than 64 levels: no config needs that");
  });

  it("tells a config written before the move where defineOrganization is now", () => {
    // A user's config beside organization.ts, importing from where the config language used to be.
    const file = join("config", `old-import-${process.pid}.ts`);
    made.push(file);
    writeFileSync(file, 'import { defineOrganization } from "./define-organization.js";\nexport default defineOrganization({ accounts: [] });\n');
    expectOneError(synth(file), file, '(imports): imports config/define-organization, which moved to config-language/: import { defineOrganization } from "../config-language/define-organization.js"');
  });

  it("says a directory is not a config file", () => {
    const dir = scratch();
    expectOneError(synth(dir), dir, "(file): is a directory: name the config file in it, e.g. config/organization.ts");
  });

  it("says a missing file does not exist", () => {
    expectOneError(synth("config/nope.ts"), "config/nope.ts", "(file): does not exist");
  });

  it("refuses an extension it cannot read", () => {
    const file = write("org.yaml", "accounts: []\n");
    expectOneError(synth(file), file, '(file): has the extension ".yaml": a config is a .ts, .js or .json file');
  });

  it("refuses an empty ORG_CONFIG instead of silently using the default", () => {
    const result = synth("");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid organization config (ORG_CONFIG): 1 problem\n  - ORG_CONFIG: is set but empty");
  });
});
