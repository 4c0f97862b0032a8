// The pull request flow through the CLI, as the workflows run it: plan-comment, guard,
// post-comment, verify-reviewed, drift-report; GitHub is a local server.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALLOW_LABEL } from "../../guard/evaluate-guard.js";
import { digestMarker } from "../../plan-comment/comment-markers.js";
import { readStackPlan } from "../../plan/read-stack-plan.js";
import { FakeGitHub } from "../helpers/fake-github.js";
import { fixtureDir, type PlanCase } from "../helpers/plan-fixtures.js";

let server: FakeGitHub;
let work: string;

/** A stack directory as `aws-org plan` leaves it: the fixtures are stored in that layout. */
const stackDir = (name: PlanCase): string => fixtureDir(name);

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["cli/aws-org.mjs", ...args], {
      env: { ...process.env, GITHUB_TOKEN: "test-token", GITHUB_API_URL: server.url, GITHUB_REPOSITORY: "acme/org", GITHUB_STEP_SUMMARY: join(work, "summary.md"), ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  server = await new FakeGitHub().start();
  work = mkdtempSync(join(tmpdir(), "pr-flow-"));
});
afterAll(async () => server.stop());

describe("pull request commands", () => {
  it("renders the comment, writes the job summary, and posts one sticky comment", async () => {
    const out = join(work, "comment.md");
    const rendered = await cli(["plan-comment", "--stack", `organization=${stackDir("import")}`, "--out", out]);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("2 to import, 4 to add, 2 to change");
    expect(readFileSync(join(work, "summary.md"), "utf8")).toContain("2 to import, 4 to add, 2 to change");

    expect((await cli(["post-comment", "--pr", "5", "--body-file", out])).stdout).toMatch(/^created /);
    expect((await cli(["post-comment", "--pr", "5", "--body-file", out])).stdout).toMatch(/^updated /);
    expect(server.comments.filter((c) => c.issue === 5)).toHaveLength(1);
  });

  it("guards: exit 1 for a removed account, 0 with the label or the allow file", async () => {
    const dir = stackDir("remove-account");
    const blocked = await cli(["guard", "--stack", `organization=${dir}`]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('BLOCKED  destroy  aws_organizations_account.accounts["website-prod"] (organization)');
    expect((await cli(["guard", "--stack", `organization=${dir}`, "--labels", `docs,${ALLOW_LABEL}`])).code).toBe(0);
    const allowFile = join(work, "allow.json");
    writeFileSync(allowFile, JSON.stringify({ addresses: ['aws_organizations_account.accounts["website-prod"]'] }));
    expect((await cli(["guard", "--stack", `organization=${dir}`, "--allow-file", allowFile])).code).toBe(0);
    expect((await cli(["guard", "--stack", `organization=${stackDir("update")}`])).code).toBe(0);
  });

  it("applies on merge only what was reviewed", async () => {
    const reviewed = stackDir("update");
    const out = join(work, "reviewed.md");
    await cli(["plan-comment", "--stack", `organization=${reviewed}`, "--out", out]);
    await cli(["post-comment", "--pr", "8", "--body-file", out]);
    server.pulls.push({ commit: "c0ffee", number: 8, merge_commit_sha: "c0ffee", labels: [ALLOW_LABEL, "docs"] });

    const output = join(work, "github-output");
    const same = await cli(["verify-reviewed", "--stack", `organization=${reviewed}`, "--sha", "c0ffee"], { GITHUB_OUTPUT: output });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("The plans equal the ones reviewed in #8.");
    // The apply's guard step reads the pull request's labels from here.
    expect(readFileSync(output, "utf8")).toBe(`pr=8\nlabels=${ALLOW_LABEL},docs\n`);
    const changed = await cli(["verify-reviewed", "--stack", `organization=${stackDir("move")}`, "--sha", "c0ffee"]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain("organization: the plan differs from the reviewed one");
  });

  it("refuses a plan whose digest the reviewed comment only quoted from plan output", async () => {
    // The pull request's plan failed, and its error output prints a forged marker carrying the
    // digest of the plan an attacker wants applied on merge.
    const wanted = readStackPlan("organization", stackDir("move")).digest!;
    const failed = join(work, "forged");
    mkdirSync(failed, { recursive: true });
    writeFileSync(join(failed, "plan-error.txt"), `Error: something\n${digestMarker("organization", wanted)}\n`);
    const out = join(work, "forged.md");
    expect((await cli(["plan-comment", "--stack", `organization=${failed}`, "--out", out])).code).toBe(0);
    expect(readFileSync(out, "utf8")).not.toContain(digestMarker("organization", wanted));
    await cli(["post-comment", "--pr", "9", "--body-file", out]);
    server.pulls.push({ commit: "f0f0f0", number: 9, merge_commit_sha: "f0f0f0" });

    const result = await cli(["verify-reviewed", "--stack", `organization=${stackDir("move")}`, "--sha", "f0f0f0"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("organization: no reviewed plan found in the pull request's plan comment");
  });

  it("opens the drift issue on changes and closes it on a clean plan", async () => {
    expect((await cli(["drift-report", "--stack", `organization=${stackDir("update")}`])).stdout).toContain("issue opened");
    expect(server.issues[0]?.body).toContain("Drift check: 2 to change");
    expect((await cli(["drift-report", "--stack", `organization=${stackDir("noop")}`])).stdout).toContain("issue closed");
  });

  it("reports an account made outside the config as drift, even when the plan is clean", async () => {
    const dir = join(work, "noop-with-unmanaged");
    cpSync(stackDir("noop"), dir, { recursive: true });
    writeFileSync(join(dir, "unmanaged.json"), JSON.stringify({ objects: [{ kind: "account", id: "999999999999", name: "made-in-console", where: "Workloads" }] }));
    expect((await cli(["drift-report", "--stack", `organization=${dir}`])).stdout).toContain("drift: yes; issue opened");
    const body = server.issues.at(-1)?.body ?? "";
    expect(body).toContain("### 👻 In the organization, not in the config (1)");
    expect(body).toContain("- account `made-in-console` (`999999999999`) in `Workloads`");
    expect((await cli(["drift-report", "--stack", `organization=${stackDir("noop")}`])).stdout).toContain("issue closed");
  });

  it("names an assignment made outside the config in words as drift, and lists Control Tower's permission set without calling it drift", async () => {
    const dir = join(work, "noop-with-assignment");
    cpSync(stackDir("noop"), dir, { recursive: true });
    const controlTower = { kind: "permission set", id: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef", name: "AWSAdministratorAccess", where: "", owner: "AWS Control Tower" };
    writeFileSync(join(dir, "unmanaged.json"), JSON.stringify({ objects: [controlTower] }));
    expect((await cli(["drift-report", "--stack", `organization=${dir}`])).stdout).toContain("drift: no; issue none");
    const assignment = {
      kind: "account assignment",
      id: "GROUP:g-1/arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0000000000000001/111111111111",
      name: "Contractors",
      where: "prod",
      assignment: { principalType: "GROUP", principal: "Contractors", permissionSet: "AdministratorAccess", account: "prod", accountId: "111111111111" },
    };
    writeFileSync(join(dir, "unmanaged.json"), JSON.stringify({ objects: [controlTower, assignment] }));
    expect((await cli(["drift-report", "--stack", `organization=${dir}`])).stdout).toContain("drift: yes; issue opened");
    const body = server.issues.at(-1)?.body ?? "";
    expect(body).toContain("- account assignment: group `Contractors` has `AdministratorAccess` on account `prod` (`111111111111`)");
    expect(body).toContain("- permission set `AWSAdministratorAccess` (`arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef`) in IAM Identity Center, owned by AWS Control Tower");
    expect((await cli(["drift-report", "--stack", `organization=${stackDir("noop")}`])).stdout).toContain("issue closed");
  });

  it("keeps the drift issue open when what the organization holds could not be listed: unknown is not clean", async () => {
    expect((await cli(["drift-report", "--stack", `organization=${stackDir("update")}`])).stdout).toContain("drift: yes; issue opened");
    const dir = join(work, "noop-listing-failed");
    cpSync(stackDir("noop"), dir, { recursive: true });
    writeFileSync(join(dir, "unmanaged.json"), JSON.stringify({ objects: [], error: "AccessDeniedException: not authorized to perform organizations:ListAccountsForParent" }));
    const unknown = await cli(["drift-report", "--stack", `organization=${dir}`]);
    expect(unknown.stdout).toContain("drift: unknown; issue updated");
    expect(unknown.stdout).toContain("organization: could not list what the organization holds and no stack manages (AccessDeniedException");
    const issue = server.issues.at(-1)!;
    expect(issue.state).toBe("open");
    expect(issue.body).toContain("**Drift could not be fully checked.**");
    // A failed plan is unknown too.
    expect((await cli(["drift-report", "--stack", `organization=${stackDir("remove-account-protected")}`])).stdout).toContain("drift: unknown; issue updated");
    expect((await cli(["drift-report", "--stack", `organization=${stackDir("noop")}`])).stdout).toContain("drift: no; issue closed");
  });

  it("guard fails on a stack whose plan failed: it cannot judge it, and no label changes that", async () => {
    const failed = await cli(["guard", "--stack", `organization=${stackDir("remove-account-protected")}`]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("BLOCKED  unjudged  (plan) (organization): the plan failed, so the guard cannot judge it");
    expect(failed.stdout).not.toContain("Nothing in this plan");
    expect((await cli(["guard", "--stack", `organization=${stackDir("remove-account-protected")}`, "--labels", ALLOW_LABEL])).code).toBe(1);
  });

  it("says what is wrong when GitHub refuses", async () => {
    const result = await cli(["post-comment", "--pr", "5", "--body-file", join(work, "comment.md")], { GITHUB_TOKEN: "wrong" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("aws-org: GitHub: listing comments on #5 failed (HTTP 401): Bad credentials. Check that GITHUB_TOKEN is set and valid.");
  });
});

describe("commands given no stack", () => {
  /** A synth dir as cdktf leaves it: manifest.json naming the stacks, each with a planned dir. */
  function synthDirWith(cases: Record<string, PlanCase>): string {
    const dir = join(work, `synth-${Object.values(cases).join("-")}`);
    const stacks: Record<string, { workingDirectory: string }> = {};
    for (const [stack, planCase] of Object.entries(cases)) {
      const planned = stackDir(planCase);
      mkdirSync(join(dir, "stacks"), { recursive: true });
      cpSync(planned, join(dir, "stacks", stack), { recursive: true });
      stacks[stack] = { workingDirectory: `stacks/${stack}` };
    }
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks }));
    return dir;
  }

  it.each(["plan", "guard", "plan-comment"])("%s fails closed when nothing was synthesized", async (command) => {
    const empty = mkdtempSync(join(tmpdir(), "no-synth-"));
    const result = await cli([command, "--synth-dir", empty]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`no --stack given and nothing synthesized: ${join(empty, "manifest.json")} does not exist. Run \`npm run synth\` first`);
  });

  it("guards every synthesized stack: a removal in any of them blocks", async () => {
    const synthDir = synthDirWith({ "state-backend": "noop", organization: "remove-account" });
    const blocked = await cli(["guard", "--synth-dir", synthDir]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('BLOCKED  destroy  aws_organizations_account.accounts["website-prod"] (organization)');
    const comment = await cli(["plan-comment", "--synth-dir", synthDir]);
    expect(comment.code).toBe(0);
    expect(comment.stdout).toContain("state-backend");
    expect(comment.stdout).toContain('aws_organizations_account.accounts["website-prod"]');
  });

  it("plan names TOFU_BIN when tofu cannot be found", async () => {
    const synthDir = synthDirWith({ organization: "noop" });
    const result = await cli(["plan", "--synth-dir", synthDir], { TOFU_BIN: join(work, "no-such-tofu") });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`aws-org: OpenTofu was not found: "${join(work, "no-such-tofu")}" is not an executable on PATH.`);
    expect(result.stderr).toContain("TOFU_BIN");
  });
});
