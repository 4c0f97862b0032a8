// npm run bench:plan — "I edited the config" to "I have a plan", the project against the
// hand-written OpenTofu it replaces (bench/hcl-twin/main.tf), for the default organization and a
// 1,000-account / 100-OU one: same tofu, provider and moto, both sides initialized once, then
// interleaved rounds of one edit (a default tag's value) and a plan. Prints medians and ratios.
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { OrganizationConfigInput } from "../config-language/schema.js";
import { sdkClientConfig } from "../sandbox/aws-environment.js";
import { createOrganizationOutsideTofu } from "../sandbox/existing-organization.js";
import { sandboxConfig } from "../sandbox/sandbox-config.js";
import { Sandbox } from "../sandbox/sandbox.js";
import { PROJECT_ROOT } from "../sandbox/synthesize.js";
import { generatedConfig } from "./generated-config.js";
import { twinVariables } from "./hcl-twin/twin-variables.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** BENCH_SIZES=default or =large runs one organization only. */
const SIZES = (process.env.BENCH_SIZES ?? "default,large").split(",");
const TARGET_RATIO = 1.05;
const HCL = join(PROJECT_ROOT, "bench/hcl-twin/main.tf");

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The pull request plan of an applied organization (BENCH_STEADY=1; it applies everything to moto
 * first): the project's state copied to the twin's key, since the addresses are the same, and
 * both refreshed, so the two differ only in their JSON and HCL.
 */
async function steadyState(sandbox: Sandbox, label: string, projectDir: string, hclDir: string): Promise<string> {
  const applied = await sandbox.tofu.run(projectDir, ["apply", "-no-color", "-input=false", "-auto-approve", "tfplan"], { timeoutMs: 1_800_000 });
  const state = await sandbox.tofu.run(projectDir, ["state", "pull"]);
  const file = join(hclDir, "project.tfstate");
  writeFileSync(file, state.stdout);
  await sandbox.tofu.run(hclDir, ["state", "push", "-force", file]);
  const refresh = async (dir: string) => {
    const run = await sandbox.tofu.run(dir, ["plan", "-no-color", "-input=false", "-out=tfplan", "-detailed-exitcode"], { expectCodes: [0], timeoutMs: 900_000 });
    return run.seconds;
  };
  // Both see the organization as applied: the same addresses, the same state, nothing to do.
  const project = [await refresh(projectDir), await refresh(projectDir)];
  const hcl = [await refresh(hclDir), await refresh(hclDir)];
  return `INFO  ${label}, applied (${applied.seconds.toFixed(0)} s to apply): refresh plan project ${median(project).toFixed(1)} s, hand-written HCL ${median(hcl).toFixed(1)} s`;
}

interface Side {
  label: string;
  /** Makes round `round`'s edit. */
  edit: (round: number) => void;
  /** Everything from the edit to the plan; returns seconds. */
  plan: () => Promise<number>;
}

async function main(): Promise<void> {
  // Leniency, said: the quota holds the large organization (a quota increase on AWS); creations stay asynchronous.
  const sandbox = await Sandbox.start({ accountQuota: 1_100 });
  try {
    const organizations = new OrganizationsClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
    const existing = await createOrganizationOutsideTofu(organizations, "dns", "aws-dns@example.com");
    organizations.destroy();
    // moto holds one organization (made for dns): both sides adopt it by id.
    const { config: defaultConfig } = await sandboxConfig("config/organization.ts", {
      providerVersion: sandbox.tools.providerVersion,
      accountIds: { dns: existing.accountId },
      organizationId: existing.organizationId,
    });
    // The large organization's imports would name accounts moto does not have: created instead.
    const large = generatedConfig();
    const largeConfig: OrganizationConfigInput = {
      ...large,
      organization: { ...large.organization, id: existing.organizationId },
      accounts: (large.accounts ?? []).map(({ id: _id, ...account }) => account),
      provider: { versionConstraint: sandbox.tools.providerVersion },
    };
    const bootstrap = sandbox.stackDir(await sandbox.synth("bootstrap", defaultConfig, { bootstrapped: false }), "state-backend");
    await sandbox.init(bootstrap);
    await sandbox.apply(bootstrap);

    console.log(`edit -> plan benchmark: OpenTofu from ${sandbox.tools.tofuBin}, hashicorp/aws ${sandbox.tools.providerVersion}, moto; ${ROUNDS} interleaved rounds`);
    const rows: string[] = [];
    const benchOrganizations = [
      ["default", "default organization", { ...defaultConfig, ciAccess: undefined }],
      ["large", "1,000 accounts / 100 OUs", largeConfig],
    ] as const;
    for (const [slug, label, base] of benchOrganizations.filter(([slug]) => SIZES.includes(slug))) {
      const work = join(sandbox.workDir, `bench-${slug}`);
      mkdirSync(join(work, "hcl"), { recursive: true });
      const configFile = join(work, "config.json");
      const outDir = join(work, "out");
      const withRound = (round: number): OrganizationConfigInput => ({ ...base, defaultTags: { ...(base.defaultTags ?? { ManagedBy: "OpenTofu" }), Round: `r${round}` } });
      writeFileSync(configFile, JSON.stringify(withRound(0)));
      const synth = () => {
        const started = performance.now();
        const result = spawnSync(process.execPath, ["cli/aws-org.mjs", "synth", "--quiet", "--out", outDir], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, ORG_CONFIG: configFile, STATE_BACKEND_BOOTSTRAPPED: "true" },
          encoding: "utf8",
        });
        if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
        return (performance.now() - started) / 1000;
      };
      synth();
      const projectDir = sandbox.stackDir(outDir, "organization");
      await sandbox.init(projectDir, [`-backend-config=key=bench/${slug}/project.tfstate`]);
      const hclDir = join(work, "hcl");
      copyFileSync(HCL, join(hclDir, "main.tf"));
      const tfvars = join(hclDir, "terraform.tfvars.json");
      writeFileSync(tfvars, JSON.stringify(twinVariables(withRound(0))));
      await sandbox.tofu.run(hclDir, ["init", "-no-color", "-input=false", `-backend-config=${sandbox.backendOverrides}`, "-backend-config=bucket=" + sandbox.backend.bucket, `-backend-config=key=bench/${slug}/hcl.tfstate`, `-backend-config=region=${sandbox.backend.region}`, `-backend-config=dynamodb_table=${sandbox.backend.dynamodb_table}`]);

      const planIn = async (dir: string) => {
        const started = performance.now();
        await sandbox.tofu.run(dir, ["plan", "-no-color", "-input=false", "-out=tfplan"], { expectCodes: [0, 2] });
        return (performance.now() - started) / 1000;
      };
      const planOnly: number[] = [];
      const sides: Side[] = [
        {
          label: "project (aws-org synth + tofu plan)",
          edit: (round) => writeFileSync(configFile, JSON.stringify(withRound(round))),
          plan: async () => {
            const synthSeconds = synth();
            const planSeconds = await planIn(projectDir);
            planOnly.push(planSeconds);
            return synthSeconds + planSeconds;
          },
        },
        {
          label: "hand-written HCL (tofu plan)",
          edit: (round) => writeFileSync(tfvars, JSON.stringify(twinVariables(withRound(round)))),
          plan: () => planIn(hclDir),
        },
      ];
      await sides[0]!.plan(); // warm both sides' caches; not counted
      await sides[1]!.plan();
      const times: number[][] = sides.map(() => []);
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [i, side] of sides.entries()) {
          side.edit(round);
          times[i]!.push(await side.plan());
        }
      }
      const [project, hcl] = times.map(median) as [number, number];
      const ratio = project / hcl;
      for (const [i, side] of sides.entries()) console.log(`${label.padEnd(26)} ${side.label.padEnd(38)} median ${median(times[i]!).toFixed(2)} s  (${times[i]!.map((t) => t.toFixed(2)).join(", ")})`);
      console.log(`${label.padEnd(26)} ${"  of which tofu plan".padEnd(38)} median ${median(planOnly.slice(1)).toFixed(2)} s`);
      rows.push(`${ratio <= TARGET_RATIO ? "PASS" : "MISS"}  ${label}: project ${ratio.toFixed(2)} × hand-written HCL (target ≤ ${TARGET_RATIO} ×)`);
      if (process.env.BENCH_STEADY === "1" && slug === "large") rows.push(await steadyState(sandbox, label, projectDir, hclDir));
    }
    for (const row of rows) console.log(row);
  } finally {
    await sandbox.stop();
  }
}

await main();
