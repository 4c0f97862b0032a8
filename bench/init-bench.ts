// npm run bench:init — `aws-org init` against moto on the generated 1,000-account / 100-OU
// organization (built through the AWS SDK first): wall time and API requests of the discovery.
import { CreateOrganizationalUnitCommand, CreateOrganizationCommand, ListRootsCommand, MoveAccountCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { join } from "node:path";
import { sdkClientConfig } from "../sandbox/aws-environment.js";
import { createAccountOutsideTofu } from "../sandbox/existing-organization.js";
import { Sandbox } from "../sandbox/sandbox.js";
import { runInit } from "./run-init.js";
import { generatedConfig } from "./generated-config.js";

// Leniency for the build, said: the quota holds the generated organization, creations are instant, nothing is throttled.
const sandbox = await Sandbox.start({ accountQuota: 1100, createAccountSeconds: 0, requestsPerSecond: 0 });
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
    const id = await createAccountOutsideTofu(client, account.name, `${account.name}@example.com`);
    if (account.organizationalUnit) await client.send(new MoveAccountCommand({ AccountId: id, SourceParentId: root, DestinationParentId: ids.get(account.organizationalUnit)! }));
  }
  client.destroy();
  const init = runInit(sandbox, join(sandbox.workDir, "adopted.ts"));
  console.log(`init on ${config.accounts?.length} accounts / ${config.organizationalUnits?.length} OUs: ${init.seconds.toFixed(1)} s wall, process included`);
  console.log(init.stdout.split("\n")[0]);
} finally {
  await sandbox.stop();
}
