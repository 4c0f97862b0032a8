// npm run bench:throttled-plan — a pull request's plan of an applied 1,000-account organization with
// its Identity Center assignments (one permission set on every account: 1,000 assignments), against
// the sandbox throttling Organizations at BENCH_RATE requests a second (default 20, the sandbox's
// rate: AWS publishes no Organizations rate; see the README). The organization is built unthrottled
// (accounts through the SDK, then imported by one apply), then planned throttled as CI plans it
// (`aws-org plan`), at each -parallelism in BENCH_PARALLELISM (default 10, tofu's default, and 30).
// Prints, per run: wall time, Organizations requests and how many were throttled, and the time in
// tofu's plan against aws-org's own reading of the organization.
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { OrganizationConfigInput } from "../config-language/schema.js";
import { discoverOrganization, organizationsClient } from "../adopt/discover-organization.js";
import { sdkClientConfig } from "../sandbox/aws-environment.js";
import { createAccountOutsideTofu } from "../sandbox/existing-organization.js";
import { CreateOrganizationCommand } from "@aws-sdk/client-organizations";
import { Sandbox } from "../sandbox/sandbox.js";
import { PROJECT_ROOT } from "../sandbox/synthesize.js";
import { generatedConfigWithAccess } from "./generated-config.js";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const PARALLELISMS = (process.env.BENCH_PARALLELISM ?? "10,30").split(",").map(Number);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Accounts through the SDK, five creations at a time as AWS allows: much faster than the provider's polling. */
async function createAccounts(client: OrganizationsClient, names: string[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      ids[name] = await createAccountOutsideTofu(client, name, `aws-${name}@example.com`);
    }
  };
  await Promise.all(Array.from({ length: 5 }, worker));
  return ids;
}

/** "DescribeAccount 1,020, ListParents 1,010, ..." between two snapshots, most first. */
function operationCounts(before: Record<string, number> | null, after: Record<string, number> | null): string {
  const counts = Object.entries(after ?? {}).map(([operation, n]) => [operation, n - (before?.[operation] ?? 0)] as const);
  return counts.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([operation, n]) => `${operation} ${n.toLocaleString("en-US")}`).join(", ");
}

async function main(): Promise<void> {
  const sandbox = await Sandbox.start({ accountQuota: ACCOUNTS + 10, createAccountSeconds: 0, requestsPerSecond: 0 });
  try {
    const started = Date.now();
    const sdk = new OrganizationsClient({ ...sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca), maxAttempts: 10, retryMode: "adaptive" });
    const organizationId = (await sdk.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }))).Organization!.Id!;
    const generated = generatedConfigWithAccess(1, ACCOUNTS);
    const ids = await createAccounts(sdk, (generated.accounts ?? []).map((a) => a.name));
    sdk.destroy();
    // Every account exists: each is imported by id, as `aws-org init` writes them. The provider keeps its default retries (25), as users run it.
    const config: OrganizationConfigInput = {
      ...generated,
      organization: { ...generated.organization, id: organizationId },
      accounts: (generated.accounts ?? []).map(({ iamUserAccessToBilling: _billing, ...account }) => ({ ...account, id: ids[account.name]! })),
      provider: { versionConstraint: sandbox.tools.providerVersion },
    };
    const bootstrap = sandbox.stackDir(await sandbox.synth("bootstrap", config, { bootstrapped: false }), "state-backend");
    await sandbox.init(bootstrap);
    await sandbox.apply(bootstrap);
    const outDir = await sandbox.synth("large", config);
    const dir = sandbox.stackDir(outDir, "organization");
    await sandbox.init(dir);
    const first = await sandbox.plan(dir);
    const applied = await sandbox.tofu.run(dir, ["apply", "-no-color", "-input=false", "-auto-approve", "-parallelism=10", "tfplan"], { timeoutMs: 3_600_000 });
    const changes = (first.json.resource_changes ?? []).filter((c) => !c.change.actions.every((a) => a === "no-op")).length;
    log(`INFO  built: ${ACCOUNTS} accounts, ${changes} changes applied unthrottled in ${applied.seconds.toFixed(0)} s (setup ${((Date.now() - started) / 1000).toFixed(0)} s)`);

    await sandbox.moto.setOrganizationsRate(RATE);
    log(`INFO  Organizations throttled at ${RATE} requests/s, bursts of ${2 * RATE}`);
    for (const parallelism of PARALLELISMS) {
      const before = await sandbox.moto.organizationsLimitsStatus();
      const start = Date.now();
      const planned = spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/aws-org.mjs"), "plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`, "--config", join(sandbox.workDir, "large.config.json")], {
        cwd: PROJECT_ROOT,
        env: { ...sandbox.tofu.env, TOFU_BIN: sandbox.tools.tofuBin, NODE_EXTRA_CA_CERTS: sandbox.tofu.env.AWS_CA_BUNDLE, TF_CLI_ARGS_plan: `-parallelism=${parallelism}` },
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      });
      const wall = (Date.now() - start) / 1000;
      const after = await sandbox.moto.organizationsLimitsStatus();
      const requests = (after.organizationsRequests ?? 0) - (before.organizationsRequests ?? 0);
      const throttled = (after.refused.throttled ?? 0) - (before.refused.throttled ?? 0);
      if (planned.status !== 0) log(`WARN  aws-org plan exited ${planned.status}: ${planned.stderr.split("\n").slice(-5).join(" | ")}`);
      log(`INFO  -parallelism=${parallelism}: aws-org plan ${wall.toFixed(0)} s, ${requests} Organizations requests, ${throttled} throttled (${((100 * throttled) / Math.max(1, requests)).toFixed(0)} %)`);
      log(`INFO    by operation (throttled attempts included): ${operationCounts(before.organizationsRequestsByOperation, after.organizationsRequestsByOperation)}`);
    }
    // aws-org plan's own part: one walk of the organization (no tags), at the same rate.
    const counted = organizationsClient({ ...sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca), maxAttempts: 3 });
    const walkStart = Date.now();
    const live = await discoverOrganization(counted, { tags: false });
    counted.client.destroy();
    log(`INFO  of which aws-org's own walk of the organization: ${((Date.now() - walkStart) / 1000).toFixed(1)} s, ${live.requests} requests, ${live.accounts.length} accounts`);
  } finally {
    await sandbox.stop();
  }
}

await main();
