// npm run sandbox: the whole flow on this machine, with moto standing in for AWS.
// Finds or builds the tools, starts moto, creates an organization and the dns account the way
// the console would have, bootstraps the state backend, applies config/organization.ts (which
// adopts both), prints the organization read back from the emulator, and stops moto.
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { renderTree } from "../cli/organization-tree.js";
import { sdkClientConfig } from "./aws-environment.js";
import { createOrganizationOutsideTofu } from "./existing-organization.js";
import { liveOrganizationTree } from "./live-organization-tree.js";
import { describeDeviations, sandboxConfig } from "./sandbox-config.js";
import { describeMotoDeviations } from "./moto-server.js";
import { addressesByAction, Sandbox } from "./sandbox.js";

const CONFIG_FILE = process.env.ORG_CONFIG ?? "config/organization.ts";
const say = (text: string) => process.stdout.write(`${text}\n`);

say("Finding or building tofu and the AWS provider (the first build on a machine prints its progress)...");
const sandbox = await Sandbox.start();
const organizations = new OrganizationsClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
try {
  say(`moto is serving the AWS API at ${sandbox.moto.endpoint}; tofu ${sandbox.tools.tofuBin}; hashicorp/aws ${sandbox.tools.providerVersion}`);
  say(describeMotoDeviations());

  say("\n1. Before this project: an organization and the dns account exist, made by hand.");
  const existing = await createOrganizationOutsideTofu(organizations, "dns", "aws-dns@example.com");
  say(`   organization ${existing.organizationId}, dns account ${existing.accountId}`);

  const { config, deviations } = await sandboxConfig(CONFIG_FILE, {
    providerVersion: sandbox.tools.providerVersion,
    organizationId: existing.organizationId,
    accountIds: { dns: existing.accountId },
  });
  say(describeDeviations(CONFIG_FILE, deviations));

  say("\n2. Bootstrap the state bucket and lock table with local state, then move that state into the bucket.");
  const bootstrapDir = sandbox.stackDir(await sandbox.synth("cdktf.out", config, { bootstrapped: false }), "state-backend");
  await sandbox.init(bootstrapDir);
  await sandbox.apply(bootstrapDir);
  await sandbox.synth("cdktf.out", config, { bootstrapped: true });
  await sandbox.init(bootstrapDir, ["-migrate-state", "-force-copy"]);

  say("\n3. Plan and apply the organization stack (state in S3, locked in DynamoDB).");
  const orgDir = sandbox.stackDir(`${sandbox.workDir}/cdktf.out`, "organization");
  await sandbox.init(orgDir);
  const plan = await sandbox.plan(orgDir);
  for (const [action, addresses] of Object.entries(addressesByAction(plan.json))) say(`   ${action}: ${addresses.join(", ")}`);
  await sandbox.apply(orgDir, ["tfplan"]);
  const again = await sandbox.plan(orgDir);
  say(`   plan after apply: ${again.exitCode === 0 ? "no changes" : "CHANGES PENDING"}`);

  say("\n4. The organization, read back from the emulator:");
  say(renderTree(await liveOrganizationTree(organizations)));
  say("\nStep timings:");
  for (const { step, seconds } of sandbox.tofu.timings) say(`   ${seconds.toFixed(1).padStart(5)} s  ${step}`);
} finally {
  organizations.destroy();
  await sandbox.stop();
  say("\nmoto stopped; scratch directory removed.");
}
