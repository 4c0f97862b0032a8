// Scenario 3, the common case: the organization and the dns account already exist (created
// through the API, as the console would have). The config names their ids; apply imports both,
// creates the OUs and website-prod, and moves dns into Infrastructure, replacing nothing.
import { CreateOrganizationalUnitCommand, type OrganizationsClient } from "@aws-sdk/client-organizations";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import {
  awsOrg,
  bootstrapStateBackend,
  createOrganizationOutsideTofu,
  contactAddresses,
  defaultSandboxConfig,
  TRAIL_AND_ROOT_ACCESS_ADDRESSES,
  liveAccounts,
  liveOus,
  organizationsClient,
  rootId,
} from "./helpers.js";

let sandbox: Sandbox;
let organizations: OrganizationsClient;
let existing: { organizationId: string; accountId: string };
let dir: string;

const DNS_ADDRESS = 'aws_organizations_account.imported["dns"]';

beforeAll(async () => {
  sandbox = await Sandbox.start();
  organizations = organizationsClient(sandbox);
  existing = await createOrganizationOutsideTofu(organizations, "dns", "aws-dns@example.com");
  const config = await defaultSandboxConfig(sandbox, {
    organizationId: existing.organizationId,
    accountIds: { dns: existing.accountId },
  });
  await bootstrapStateBackend(sandbox, config);
  dir = sandbox.stackDir(await sandbox.synth("organization", config), "organization");
  await sandbox.init(dir);
});

afterAll(async () => {
  organizations?.destroy();
  await sandbox?.stop();
});

describe("adopting an organization that already exists", () => {
  it("plans two imports, the OUs and website-prod, a move for dns, and no replacement", async () => {
    const plan = await sandbox.plan(dir);
    expect(plan.exitCode).toBe(2);
    expect(addressesByAction(plan.json)).toEqual({
      import: [DNS_ADDRESS, "aws_organizations_organization.org"],
      create: [
        'aws_identitystore_group.groups["Administrators"]',
        'aws_organizations_account.accounts["website-prod"]',
        'aws_organizations_organizational_unit.ous["Infrastructure"]',
        'aws_organizations_organizational_unit.ous["Production"]',
        'aws_organizations_organizational_unit.ous["Security"]',
        'aws_organizations_policy.policies["DenyLeavingOrganization"]',
        'aws_organizations_policy_attachment.attachments["DenyLeavingOrganization/root"]',
        'aws_ssoadmin_account_assignment.assignments["Administrators/AdministratorAccess/management-account"]',
        'aws_ssoadmin_managed_policy_attachment.managed_policies["AdministratorAccess/AdministratorAccess"]',
        'aws_ssoadmin_permission_set.permission_sets["AdministratorAccess"]',
        // The security foundations: the trail, its bucket, root access, and every account's contacts.
        ...TRAIL_AND_ROOT_ACCESS_ADDRESSES,
        ...["dns", "management-account", "website-prod"].flatMap(contactAddresses),
      ].sort(),
      // dns moves from the root into Infrastructure; the organization gains its policy types,
      // service principals (and the import records what the config adds).
      update: [DNS_ADDRESS, "aws_organizations_organization.org"],
    });
  });

  it("applies, after which dns sits in Infrastructure with its id unchanged", async () => {
    const before = await liveAccounts(organizations);
    expect(before.find((a) => a.name === "dns")?.parentId).toBe(await rootId(organizations));
    await sandbox.apply(dir, ["tfplan"]);
    const ous = await liveOus(organizations, await rootId(organizations));
    const dns = (await liveAccounts(organizations)).filter((a) => a.name === "dns");
    expect(dns).toEqual([expect.objectContaining({ id: existing.accountId, parentId: ous.Infrastructure, tags: { Name: "dns", ManagedBy: "OpenTofu" } })]);
  });

  it("has no diff afterwards", async () => {
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("plans through `aws-org plan` and renders a no-changes comment", async () => {
    const run = (args: string[]) => awsOrg(sandbox, args);
    const planned = await run(["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stdout).toContain(`organization: no changes (${dir}/tfplan.json)`);
    const comment = await run(["plan-comment", "--stack", `organization=${dir}`]);
    expect(comment.stdout).toContain("## ✅ OpenTofu plan: no changes");
    expect((await run(["guard", "--stack", `organization=${dir}`])).status).toBe(0);
    // Planned again with nothing changed: no second init, the same answer.
    const again = await run(["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("organization: init skipped (initialized before for the same providers and backend)");
    expect(again.stdout).toContain(`organization: no changes (${dir}/tfplan.json)`);
    // A working directory that lost its providers behind the fingerprint's back is initialized after all.
    rmSync(join(dir, ".terraform/providers"), { recursive: true, force: true });
    const repaired = await run(["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(repaired.status, repaired.stderr).toBe(0);
    expect(repaired.stdout).not.toContain("init skipped");
  });

  it("gives the same result with the tofu import CLI into a fresh state", async () => {
    const shown = async (workDir: string) => {
      const state = JSON.parse((await sandbox.tofu.run(workDir, ["show", "-no-color", "-json"])).stdout);
      const resource = state.values.root_module.resources.find((r: { address: string }) => r.address === DNS_ADDRESS);
      const { id, name, email, parent_id, tags, arn, status } = resource.values;
      return { id, name, email, parent_id, tags, arn, status };
    };
    const viaImportBlock = await shown(dir);

    // Another state object in the same bucket stands for a fresh state.
    const fresh = sandbox.stackDir(await sandbox.synth("cli-import", await defaultSandboxConfig(sandbox, {
      organizationId: existing.organizationId,
      accountIds: { dns: existing.accountId },
    })), "organization");
    await sandbox.init(fresh, ["-backend-config=key=cli-import/terraform.tfstate"]);
    await sandbox.tofu.run(fresh, ["import", "-no-color", "-input=false", DNS_ADDRESS, existing.accountId]);
    expect(await shown(fresh)).toEqual(viaImportBlock);
    // Importing also reads the data sources (the Identity Center instance): no other resource is in the state.
    const managed = (await sandbox.tofu.run(fresh, ["state", "list"])).stdout.trim().split("\n").filter((address) => !address.startsWith("data."));
    expect(managed).toEqual([DNS_ADDRESS]);
  });

  it("adopts OUs made in the console, nested too, by id: imported in place, nothing created", async () => {
    const root = await rootId(organizations);
    const legacy = (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: "Legacy" }))).OrganizationalUnit!.Id!;
    const apps = (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: legacy, Name: "Apps" }))).OrganizationalUnit!.Id!;
    const config = await defaultSandboxConfig(sandbox, { organizationId: existing.organizationId, accountIds: { dns: existing.accountId } });
    const adopted = {
      ...config,
      organizationalUnits: [...(config.organizationalUnits ?? []), { name: "Legacy", id: legacy }, { name: "Apps", parent: "Legacy", id: apps }],
    };
    const adoptDir = sandbox.stackDir(await sandbox.synth("adopt-ous", adopted), "organization");
    await sandbox.init(adoptDir);
    const plan = await sandbox.plan(adoptDir);
    const actions = addressesByAction(plan.json);
    const legacyAddress = 'aws_organizations_organizational_unit.ous["Legacy"]';
    const appsAddress = 'aws_organizations_organizational_unit.ous_level_2["Legacy/Apps"]';
    expect(actions.import).toEqual([legacyAddress, appsAddress]);
    // They gain the config's tags (Name, ManagedBy); nothing is created, replaced or destroyed.
    expect(actions.update).toEqual([legacyAddress, appsAddress]);
    expect(actions.create ?? []).toEqual([]);
    expect(actions.delete ?? []).toEqual([]);
    await sandbox.apply(adoptDir, ["tfplan"]);
    expect((await liveOus(organizations, root)).Legacy).toBe(legacy);
    expect((await liveOus(organizations, legacy)).Apps).toBe(apps);
    expect((await sandbox.plan(adoptDir)).exitCode).toBe(0);
  });
});
