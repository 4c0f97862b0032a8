// npm run bench:impact — `aws-org impact` as a user runs it (the CLI's bundle) on 1,000 accounts
// in 100 OUs with 20 SCPs on 500 targets, one root policy changed: once gaining a list of denied
// actions, once gaining a region deny written as a NotAction (every action outside it, ~20,000,
// becomes conditionally denied: the worst case). Median wall time of BENCH_ROUNDS runs (default 5),
// peak RSS of the largest, against issue #23's targets (≤ 2 s, ≤ 300 MB).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OrganizationConfigInput } from "../config-language/schema.js";
import { generatedConfigWithGuardrails } from "./generated-config.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./report-peak-rss.mjs", import.meta.url));
const TARGET = { seconds: 2, megabytes: 300 };

const rootPolicy = (statements: unknown[]) => ({
  name: "RootGuardrail",
  content: { Version: "2012-10-17", Statement: [{ Sid: "NoLeaving", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }, ...statements] },
  targets: { root: true },
});

function withRoot(statements: unknown[]): OrganizationConfigInput {
  const config = generatedConfigWithGuardrails();
  return { ...config, policies: [...(config.policies ?? []), rootPolicy(statements)] };
}

const CASES: Record<string, unknown[]> = {
  "root policy gains denied actions (iam:Create*, account:CloseAccount)": [{ Sid: "NoNewIdentities", Effect: "Deny", Action: ["iam:Create*", "account:CloseAccount"], Resource: "*" }],
  "root policy gains a region deny (NotAction, ~20,000 actions)": [
    { Sid: "UsEast1Only", Effect: "Deny", NotAction: ["iam:*", "sts:*", "organizations:*", "support:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } } },
  ],
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const scratch = mkdtempSync(join(tmpdir(), "impact-bench-"));
try {
  const before = join(scratch, "before.json");
  writeFileSync(before, JSON.stringify(withRoot([])));
  let missed = false;
  for (const [label, statements] of Object.entries(CASES)) {
    const after = join(scratch, "after.json");
    writeFileSync(after, JSON.stringify(withRoot(statements)));
    const runs: { seconds: number; megabytes: number; summary: string }[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const rss = join(scratch, "rss");
      const started = performance.now();
      const run = spawnSync(process.execPath, ["--import", PRELOAD, "cli/aws-org.mjs", "impact", "--before", before, "--after", after, "--json"], {
        cwd: ROOT,
        env: { ...process.env, BENCH_RSS_FILE: rss },
        encoding: "utf8",
        maxBuffer: 1024 * 1024 * 1024,
      });
      const seconds = (performance.now() - started) / 1000;
      if (run.status !== 0) throw new Error(`aws-org impact failed: ${run.stderr}`);
      const impact = JSON.parse(run.stdout) as { groups: { accounts: string[]; newlyDenied: string[]; conditionallyDenied: unknown[] }[] };
      const accounts = impact.groups.reduce((n, g) => n + g.accounts.length, 0);
      const actions = Math.max(0, ...impact.groups.map((g) => g.newlyDenied.length + g.conditionallyDenied.length));
      const summary = `${impact.groups.length} groups, ${accounts} accounts, up to ${actions} actions per group, ${(run.stdout.length / 1024 / 1024).toFixed(1)} MB of JSON`;
      // The first run builds the bundle after a change and fills the file cache: not counted.
      if (round > 0) runs.push({ seconds, megabytes: Number(readFileSync(rss, "utf8")) / 1024 / 1024, summary });
    }
    const seconds = median(runs.map((r) => r.seconds));
    const megabytes = Math.max(...runs.map((r) => r.megabytes));
    const ok = seconds <= TARGET.seconds && megabytes <= TARGET.megabytes;
    missed ||= !ok;
    console.log(`${ok ? "OK  " : "MISS"} ${label}: median ${seconds.toFixed(2)} s, peak RSS ${megabytes.toFixed(0)} MB (${runs.map((r) => r.seconds.toFixed(2)).join(", ")}); ${runs[0]!.summary}`);
  }
  console.log(`targets: ≤ ${TARGET.seconds} s and ≤ ${TARGET.megabytes} MB for the whole command${missed ? " — missed" : ""}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
