// The GitHub workflows, checked by actionlint (built from its Go module) and for the promises
// the README makes about them.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APPLY_PARALLELISM } from "../../tofu/apply-parallelism.js";
import { DEFAULT_APPLY_TIMEOUT_MINUTES } from "../../limits/apply-time.js";

const APPLY_COMMAND = `apply -no-color -input=false -parallelism=${APPLY_PARALLELISM} tfplan`;

const actionlint = execFileSync("bash", ["scripts/actionlint.sh"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
const zizmor = execFileSync("bash", ["scripts/zizmor.sh"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
/** GitHub's concurrency `queue` key is newer than actionlint 1.7.12, the latest release: only that message is ignored. */
const ACTIONLINT_IGNORE = ["-ignore", 'unexpected key "queue" for "concurrency" section'];
const WORKFLOWS = ["plan", "apply", "drift"].map((name) => `.github/workflows/${name}.yml`);
const read = (name: string) => readFileSync(`.github/workflows/${name}.yml`, "utf8");

describe("workflows", () => {
  it("pass actionlint", () => {
    const result = spawnSync(actionlint, ["-no-color", "-oneline", ...ACTIONLINT_IGNORE, ...WORKFLOWS], { encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("are linted for real: a broken workflow fails", () => {
    const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.nope.deeper }}\n        uses: actions/checkout@v4\n";
    const result = spawnSync(actionlint, ["-no-color", "-oneline", "-"], { input: broken, encoding: "utf8" });
    expect(result.status).toBe(1);
  });

  it("pass zizmor's security audits with no findings", () => {
    const result = spawnSync(zizmor, ["--offline", "--no-progress", "--format", "plain", ".github/"], { encoding: "utf8" });
    expect(result.stdout).toContain("No findings to report");
    expect(result.status, result.stdout).toBe(0);
  });

  it("are audited for real: an unpinned action and template injection fail zizmor", () => {
    const dir = mkdtempSync(join(tmpdir(), "zizmor-"));
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(
      join(dir, ".github/workflows/bad.yml"),
      "on: pull_request_target\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ github.event.pull_request.title }}\n",
    );
    const result = spawnSync(zizmor, ["--offline", "--no-progress", "--format", "plain", join(dir, ".github")], { encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain("unpinned-uses");
    expect(result.stdout).toContain("template-injection");
  });

  it("pin every third-party action to a full commit SHA, with its version beside it", () => {
    const files = [...WORKFLOWS, ".github/actions/setup/action.yml"];
    const uses = files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/uses: (\S+)(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()] as const));
    const thirdParty = uses.filter(([ref]) => !ref.startsWith("./"));
    expect(thirdParty.length).toBeGreaterThanOrEqual(7);
    for (const [ref, comment] of thirdParty) {
      expect(ref, ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(comment, ref).toMatch(/^# v\d+\.\d+\.\d+$/);
    }
  });

  it("ask for no more than they need, and never cancel a pending apply", () => {
    expect(read("plan")).not.toContain("pull-requests: write");
    for (const name of ["apply", "drift"]) expect(read(name)).toContain("queue: max");
    // No expression is expanded inside a shell script: values reach run steps through env.
    for (const name of ["plan", "apply", "drift"]) {
      for (const run of read(name).matchAll(/run: \|?\n?((?: {10}.*\n?)+|.*)/g)) expect(run[1], name).not.toContain("${{");
    }
  });

  it("install tofu without the wrapper and use OIDC roles named by variables", () => {
    // The shared setup lives in one composite action; every workflow uses it with its own role.
    const setup = readFileSync(".github/actions/setup/action.yml", "utf8");
    expect(setup).toContain("opentofu/setup-opentofu@");
    expect(setup).toContain("tofu_wrapper: false");
    expect(setup).toContain("aws-actions/configure-aws-credentials@");
    // Dependencies are installed without install scripts, and before any AWS credentials exist.
    expect(setup).toContain("npm ci --ignore-scripts");
    expect(setup.indexOf("npm ci")).toBeLessThan(setup.indexOf("aws-actions/configure-aws-credentials"));
    for (const name of ["plan", "apply", "drift"]) {
      const text = read(name);
      expect(text).toContain("uses: ./.github/actions/setup");
      expect(text).toContain("persist-credentials: false");
      expect(text).toContain("id-token: write");
    }
    expect(read("plan")).toContain("${{ vars.AWS_PLAN_ROLE_ARN }}");
    expect(read("drift")).toContain("${{ vars.AWS_PLAN_ROLE_ARN }}");
    expect(read("apply")).toContain("${{ vars.AWS_APPLY_ROLE_ARN }}");
  });

  it("never run two applies, or an apply and a drift check, at once", () => {
    for (const name of ["apply", "drift"]) expect(read(name)).toMatch(/concurrency:\n  group: organization-state\n  cancel-in-progress: false/);
  });

  it("comment, guard and keep the plan on pull requests; apply only the reviewed plan on main", () => {
    const plan = read("plan");
    for (const step of ["cli -- plan", "cli -- plan-comment", "cli -- guard", "cli -- post-comment", "actions/upload-artifact@"]) expect(plan).toContain(step);
    const apply = read("apply");
    expect(apply.indexOf("verify-reviewed")).toBeLessThan(apply.indexOf(APPLY_COMMAND));
    // A matching digest does not bypass the guard: the apply runs it with the pull request's labels.
    expect(apply.indexOf("cli -- guard")).toBeGreaterThan(apply.indexOf("verify-reviewed"));
    expect(apply.indexOf("cli -- guard")).toBeLessThan(apply.indexOf(APPLY_COMMAND));
    expect(apply).toContain("PR_LABELS: ${{ steps.verify.outputs.labels }}");
    expect(apply).toContain("report-apply");
    expect(read("drift")).toContain("drift-report");
  });

  it("apply with at most as many operations at once as AWS runs CreateAccount requests", () => {
    expect(read("apply")).toContain(APPLY_COMMAND);
    expect(APPLY_COMMAND).toContain(`-parallelism=${APPLY_PARALLELISM} `);
    expect(read("apply").match(/ apply -no-color/g)).toHaveLength(1);
  });

  it("take their time limits from repository variables, and the plans know the apply job's limit to warn against it", () => {
    expect(read("apply")).toContain(`timeout-minutes: \${{ fromJSON(vars.APPLY_TIMEOUT_MINUTES || '${DEFAULT_APPLY_TIMEOUT_MINUTES}') }}`);
    for (const name of ["plan", "drift"]) expect(read(name)).toContain("timeout-minutes: ${{ fromJSON(vars.PLAN_TIMEOUT_MINUTES || '30') }}");
    for (const name of ["plan", "apply", "drift"]) {
      const planStep = read(name).split("- name: Plan")[1]!.split("- name:")[0]!;
      expect(planStep).toContain("APPLY_TIMEOUT_MINUTES: ${{ vars.APPLY_TIMEOUT_MINUTES }}");
      expect(planStep).toContain("TOFU_PLAN_TIMEOUT_MINUTES: ${{ vars.TOFU_PLAN_TIMEOUT_MINUTES }}");
      expect(planStep).toContain("npm run --silent cli -- plan");
    }
  });
});
