// npm run bench:init — `aws-org init` against moto on the generated 1,000-account / 100-OU
// organization (built through the AWS SDK first): wall time and API requests of the discovery.
import { CreateAccountCommand, CreateOrganizationalUnitCommand, CreateOrganizationCommand, ListRootsCommand, MoveAccountCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { sdkClientConfig } from "../sandbox/aws-environment.js";
import { Sandbox } from "../sandbox/sandbox.js";
import { PROJECT_ROOT } from "../sandbox/synthesize.js";
import { generatedConfig } from "./generated-config.js";

const sandbox = await Sandbox.start();
try {
  const client = new OrganizationsClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  await client.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const root = (await client.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const config = generatedConfig();
  const ids = new Map<string, string>();
  for (const ou of config.organizationalUnits ?? []) {
    const parent = ou.parent ? ids.get(ou.parent)! : root;
    const path = ou.parent ? `${ou.parent}/${ou.name}` : ou.name;
    ids.set(path, (await client.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: ou.name }))).OrganizationalUnit!.Id!);
  }
  for (const account of config.accounts ?? []) {
    const id = (await client.send(new CreateAccountCommand({ AccountName: account.name, Email: `${account.name}@example.com` }))).CreateAccountStatus!.AccountId!;
    if (account.organizationalUnit) await client.send(new MoveAccountCommand({ AccountId: id, SourceParentId: root, DestinationParentId: ids.get(account.organizationalUnit)! }));
  }
  client.destroy();
  const out = join(sandbox.workDir, "adopted.ts");
  const started = performance.now();
  const result = spawnSync(process.execPath, ["cli/aws-org.mjs", "init", "--out", out], {
    cwd: PROJECT_ROOT,
    env: { ...sandbox.tofu.env, NODE_EXTRA_CA_CERTS: sandbox.tofu.env.AWS_CA_BUNDLE },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(result.stderr);
  console.log(`init on ${config.accounts?.length} accounts / ${config.organizationalUnits?.length} OUs: ${((performance.now() - started) / 1000).toFixed(1)} s wall, process included`);
  console.log(result.stdout.split("\n")[0]);
} finally {
  await sandbox.stop();
}
