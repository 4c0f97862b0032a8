// The layering of .dependency-cruiser.cjs holds: no cycles, no upward imports, nothing outside
// __tests__/ imports from it, provider bindings by submodule. A new violation fails this test
// with dependency-cruiser's own report naming the import.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SOURCE_ROOTS = ["main.ts", ...readdirSync(".").filter((entry) => statSync(entry).isDirectory() && !/^(node_modules|cdktf\.out|docs|\..*)$/.test(entry))];

const DEPCRUISE = fileURLToPath(new URL("../../node_modules/dependency-cruiser/bin/dependency-cruiser.mjs", import.meta.url));
const CONFIG = fileURLToPath(new URL("../../.dependency-cruiser.cjs", import.meta.url));

const depcruise = (roots: string[], cwd = ".") =>
  spawnSync(process.execPath, [DEPCRUISE, "--config", CONFIG, "--output-type", "err", ...roots], { cwd, encoding: "utf8" });

describe("the code's layers", () => {
  it("have no cycles and no upward imports", () => {
    const result = depcruise(SOURCE_ROOTS);
    expect(result.stdout + result.stderr).toContain("no dependency violations found");
    expect(result.status, result.stdout).toBe(0);
    // It looked at the whole tree, not at nothing.
    expect(Number(/\((\d+) modules/.exec(result.stdout)?.[1])).toBeGreaterThan(90);
  });

  it("would catch an upward import", () => {
    // A fixture tree whose plan/ imports the comment renderer from plan-comment/.
    const result = depcruise(["plan", "plan-comment"], "__tests__/fixtures/architecture");
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain("error layer-plan: plan/summary.js → plan-comment/render.js");
  });
});
