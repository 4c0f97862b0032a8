// A newcomer's first hour: the README's first command, exactly as written, on a fresh copy of the
// project whose machine has an old Node first on PATH and a user npm config naming that Node's
// headers (`nodedir`), then the cdktf CLI's own `npx cdktf synth`. Nothing here is set up by hand:
// the project's own launcher must find or install the Node it needs.
import { execFileSync } from "node:child_process";
import { runProcess } from "../helpers/run-process.js";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readmeCommands, readmeOutput } from "../helpers/readme.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The Node a newcomer's machine may still have (out of support, older than the project needs). */
const OLD_NODE = "20.20.2";

let work: string;
let project: string;
let env: NodeJS.ProcessEnv;

/** The files a clone has: tracked ones, and new ones git does not ignore (so a change is tested before its commit). */
function freshCopy(into: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(into, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(into, file));
  }
}

async function run(command: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string; seconds: number }> {
  const start = performance.now();
  const result = await runProcess(command, args, { cwd: project, env, timeout: 400_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: (performance.now() - start) / 1000 };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "aws-org-first-hour-"));
  project = join(work, "aws-org-cdktf");
  freshCopy(project);
  // The old Node: the machine's own when it is that version, else installed like the pinned one.
  const oldNodeBin = execFileSync("bash", [join(ROOT, "scripts/node.sh")], { env: { ...process.env, NODE_VERSION: OLD_NODE, PATH: `/usr/bin:${process.env.PATH}` }, encoding: "utf8" }).trim();
  // The user's npm config as it is, plus a nodedir holding the old Node's headers.
  const userConfig = join(work, "npmrc");
  const own = join(homedir(), ".npmrc");
  const kept = existsSync(own) ? readFileSync(own, "utf8").split("\n").filter((line) => !/^\s*nodedir\s*=/.test(line)) : [];
  writeFileSync(userConfig, [...kept, `nodedir=${dirname(oldNodeBin)}`, ""].join("\n"));
  // Nothing of the test runner's npm or Node leaks in: a shell a person opened.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== "NODE_OPTIONS"));
  env = {
    ...clean,
    PATH: `${oldNodeBin}:${process.env.PATH}`,
    NPM_CONFIG_USERCONFIG: userConfig,
    // A cache of the project's own tools that is empty, as on a new machine: the pinned Node is installed.
    AWS_ORG_CDKTF_CACHE: join(work, "cache"),
    CHECKPOINT_DISABLE: "1",
  };
  expect(execFileSync("node", ["--version"], { env, encoding: "utf8" }).trim()).toBe(`v${OLD_NODE}`);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the first hour, on a machine with Node 20 and a user nodedir", () => {
  it("the README's first command installs and runs the main job, with no warning to investigate", async () => {
    const [first] = readmeCommands("Two commands");
    expect(first).toBe("npm ci && npm start");
    const result = await run("bash", ["-c", first!]);
    console.log(`[first-hour] \`${first}\`: ${result.seconds.toFixed(1)} s (exit ${result.status})`);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(readmeOutput("Two commands", "`npm start` prints"));
    // npm's install-script review is settled in package.json: nothing is left for the user to approve.
    expect(result.stderr).not.toMatch(/install-scripts|allowScripts/);
    // One line says which Node runs, and why.
    expect(result.stderr).toMatch(/\[node\] v20\.20\.2 on PATH is older than the project needs \(>= 24\): using Node\.js 24\.\d+\.\d+/);
    expect(result.stderr).not.toMatch(/SyntaxError|ERR_|gyp/);
  });

  it("then `npx cdktf synth` writes the stacks, with no native build behind it", async () => {
    const result = await run("npx", ["cdktf", "synth"]);
    console.log(`[first-hour] \`npx cdktf synth\`: ${result.seconds.toFixed(1)} s (exit ${result.status})`);
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("Generated Terraform code for the stacks: ci-access, organization, state-backend");
    const organization = JSON.parse(readFileSync(join(project, "cdktf.out/stacks/organization/cdk.tf.json"), "utf8")) as { resource: Record<string, unknown> };
    expect(Object.keys(organization.resource)).toContain("aws_organizations_organization");
    // The cdktf CLI's terminal module loads from the prebuilt binary its package ships: nothing was compiled.
    expect(existsSync(join(project, "node_modules/@cdktf/node-pty-prebuilt-multiarch/build"))).toBe(false);
  });

  it("the other entry points run on the old Node's PATH too", async () => {
    const cli = await run("npm", ["run", "--silent", "cli", "--", "--help"]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("Usage: aws-org");
  });

  it("a Node that is too old and cannot be replaced gets one clear line", async () => {
    const result = await runProcess("bash", ["scripts/project-node.sh", "node", "--version"], {
      cwd: project,
      env: { ...env, NODE_VERSION: "0.0.0-none", AWS_ORG_CDKTF_CACHE: join(work, "empty-cache") },
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines.at(-1)).toBe(
      "aws-org-cdktf needs Node.js >= 24 (found v20.20.2) and could not install Node.js 0.0.0-none: install it (nvm install, fnm install: .node-version names it) or run: bash scripts/node.sh",
    );
  });
});
