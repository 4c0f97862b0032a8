// Adopting a live organization in one command, against moto: an organization built through the
// AWS SDK only (nested OUs three levels deep with a name used twice, 27 accounts at the root and in
// OUs, tags on some, two policy types, two service principals, one account closed); then `aws-org
// init` writes the config; its plan only imports; applied, the state holds every object and the
// next plan is empty; an edit of the generated config plans exactly that edit.
import {
  AttachPolicyCommand,
  CloseAccountCommand,
  CreatePolicyCommand,
  RegisterDelegatedAdministratorCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  MoveAccountCommand,
  TagResourceCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { runProcess } from "../helpers/run-process.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readConfigFile } from "../../config-language/read-config-file.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { awsOrg, bootstrapStateBackend, defaultSandboxConfig, organizationsClient, rootId } from "./helpers.js";
import { createAccountOutsideTofu } from "../../sandbox/existing-organization.js";

let sandbox: Sandbox;
let organizations: OrganizationsClient;
let out: string;
let adopted: OrganizationConfigInput;
let dir: string;
const ids: Record<string, string> = {};

async function ou(name: string, parentId: string, tags?: Record<string, string>): Promise<string> {
  const id = (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }))).OrganizationalUnit!.Id!;
  if (tags) await organizations.send(new TagResourceCommand({ ResourceId: id, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
  return id;
}

async function account(name: string, parentId: string, rootIdValue: string, tags?: Record<string, string>): Promise<string> {
  const id = await createAccountOutsideTofu(organizations, name, `${name}@example.com`);
  if (parentId !== rootIdValue) await organizations.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootIdValue, DestinationParentId: parentId }));
  if (tags) await organizations.send(new TagResourceCommand({ ResourceId: id, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
  return id;
}

/** `aws-org init` as a user runs it, with the sandbox's credentials and endpoint. */
const init = (args: string[]) => awsOrg(sandbox, ["init", ...args]);

async function prepare(name: string, config: OrganizationConfigInput): Promise<string> {
  const stackDir = sandbox.stackDir(await sandbox.synth(name, { ...config, provider: { versionConstraint: sandbox.tools.providerVersion } }), "organization");
  await sandbox.init(stackDir);
  return stackDir;
}

beforeAll(async () => {
  // Leniency, said here: the organization built below holds 28 accounts (a quota increase on AWS),
  // created one after another in a fraction of a second each and read without throttling, so the
  // setup stays short; organizations-limits.e2e.test.ts tests those limits themselves.
  sandbox = await Sandbox.start({ accountQuota: 40, createAccountSeconds: 0.2, requestsPerSecond: 0 });
  organizations = organizationsClient(sandbox);
  await bootstrapStateBackend(sandbox, await defaultSandboxConfig(sandbox));
  await organizations.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const root = await rootId(organizations);
  ids.root = root;
  for (const type of ["SERVICE_CONTROL_POLICY", "TAG_POLICY"] as const) await organizations.send(new EnablePolicyTypeCommand({ RootId: root, PolicyType: type }));
  for (const principal of ["guardduty.amazonaws.com", "sso.amazonaws.com"]) await organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal }));
  ids.Workloads = await ou("Workloads", root, { CostCenter: "platform" });
  ids["Workloads/Prod"] = await ou("Prod", ids.Workloads);
  ids["Workloads/Prod/Web"] = await ou("Web", ids["Workloads/Prod"], { Tier: "front" });
  ids.Sandbox = await ou("Sandbox", root);
  ids["Sandbox/Prod"] = await ou("Prod", ids.Sandbox);
  ids.Security = await ou("Security", root);
  const homes = [root, ids.Workloads, ids["Workloads/Prod"], ids["Workloads/Prod/Web"], ids.Sandbox, ids["Sandbox/Prod"], ids.Security];
  for (let i = 1; i <= 27; i++) {
    const name = `acct-${String(i).padStart(2, "0")}`;
    ids[name] = await account(name, homes[i % homes.length]!, root, i % 4 === 0 ? { Owner: `team-${i}` } : undefined);
  }
  await organizations.send(new CloseAccountCommand({ AccountId: ids["acct-27"] }));
  // Guardrails made in the console: an SCP on the root, an OU and an account, a tag policy, a delegated administrator.
  const scp = { Version: "2012-10-17", Statement: [{ Sid: "DenyLeaving", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] };
  ids.scp = (await organizations.send(new CreatePolicyCommand({ Name: "DenyLeave", Description: "made in the console", Type: "SERVICE_CONTROL_POLICY", Content: JSON.stringify(scp) }))).Policy!.PolicySummary!.Id!;
  for (const target of [root, ids.Workloads, ids["acct-03"]]) await organizations.send(new AttachPolicyCommand({ PolicyId: ids.scp, TargetId: target! }));
  ids.tagPolicy = (await organizations.send(new CreatePolicyCommand({ Name: "CostCenter", Description: "", Type: "TAG_POLICY", Content: JSON.stringify({ tags: { CostCenter: { tag_key: { "@@assign": "CostCenter" } } } }) }))).Policy!.PolicySummary!.Id!;
  await organizations.send(new AttachPolicyCommand({ PolicyId: ids.tagPolicy, TargetId: ids["acct-05"]! }));
  await organizations.send(new RegisterDelegatedAdministratorCommand({ AccountId: ids["acct-10"]!, ServicePrincipal: "guardduty.amazonaws.com" }));
  out = join(sandbox.workDir, "adopted.ts");
});

afterEach(() => sandbox.tofu.stopAll());

afterAll(async () => {
  organizations?.destroy();
  await sandbox?.stop();
});

describe("aws-org init", () => {
  it("writes a config of the live organization, prints its tree and what it left out", async () => {
    const result = await init(["--out", out]);
    expect(result.status, result.stderr).toBe(0);
    process.stderr.write(`[e2e] ${result.stdout.split("\n")[0]}\n`);
    expect(result.stdout).toMatch(/^Wrote .*adopted\.ts: organization o-\w+, 6 OUs, 26 accounts, 2 policy types, 2 service principals, 2 policies, 1 delegated administrators, 0 permission sets, 0 groups, 0 users, 0 account assignments, no security foundations \(\d+ API requests in [\d.]+ s\)/);
    expect(result.stdout).toContain(`account ${ids["acct-27"]} ("acct-27"): suspended, so not managed`);
    expect(result.stdout).toMatch(/account \d{12} \("master"\): the management account/);
    expect(result.stdout).toContain("├── Sandbox/ (imported: ");
    adopted = (await readConfigFile(out)) as OrganizationConfigInput;
    // The repeated name is referred to by path; tags are exactly AWS's; everything carries its id.
    expect(adopted.organizationalUnits).toContainEqual({ name: "Web", parent: "Workloads/Prod", id: ids["Workloads/Prod/Web"], tags: { Tier: "front" } });
    expect(adopted.organizationalUnits).toContainEqual({ name: "Prod", parent: "Sandbox", id: ids["Sandbox/Prod"], tags: {} });
    expect(adopted.accounts).toContainEqual({ name: "acct-24", email: "acct-24@example.com", organizationalUnit: "Web", id: ids["acct-24"], tags: { Owner: "team-24" } });
    expect(adopted.accounts).toContainEqual({ name: "acct-05", email: "acct-05@example.com", organizationalUnit: "Sandbox/Prod", id: ids["acct-05"], tags: {} });
    expect(adopted.accounts).toContainEqual({ name: "acct-07", email: "acct-07@example.com", id: ids["acct-07"], tags: {} });
    expect(adopted.policies).toEqual([
      {
        name: "DenyLeave",
        type: "SERVICE_CONTROL_POLICY",
        description: "made in the console",
        content: { Version: "2012-10-17", Statement: [{ Sid: "DenyLeaving", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] },
        targets: { root: true, organizationalUnits: ["Workloads"], accounts: ["acct-03"] },
        tags: {},
        id: ids.scp,
      },
      expect.objectContaining({ name: "CostCenter", type: "TAG_POLICY", targets: { root: false, organizationalUnits: [], accounts: ["acct-05"] }, id: ids.tagPolicy }),
    ]);
    expect(adopted.delegatedAdministrators).toEqual({ "acct-10": ["guardduty.amazonaws.com"] });
    expect(adopted.organization).toMatchObject({ enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"], awsServiceAccessPrincipals: ["guardduty.amazonaws.com", "sso.amazonaws.com"] });
  });

  it("refuses to overwrite the file without --force", async () => {
    const before = readFileSync(out, "utf8");
    const result = await init(["--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("exists: pass --force to overwrite it");
    expect(readFileSync(out, "utf8")).toBe(before);
    expect((await init(["--out", out.replace(/\.ts$/, ".json")])).status).toBe(0);
    expect(JSON.parse(readFileSync(out.replace(/\.ts$/, ".json"), "utf8")).$schema).toMatch(/config-language\/organization\.schema\.json$/);
  });

  it("plans imports and nothing else: 0 to add, 0 to change, 0 to destroy", async () => {
    dir = await prepare("adopted", adopted);
    const plan = await sandbox.plan(dir);
    const actions = addressesByAction(plan.json);
    expect(Object.keys(actions)).toEqual(["import"]);
    // The organization, 6 OUs, 26 accounts, 2 policies, their 4 attachments, 1 delegated administrator.
    expect(actions.import).toHaveLength(1 + 6 + 26 + 2 + 4 + 1);
    expect(actions.import).toEqual(
      expect.arrayContaining([
        'aws_organizations_policy_attachment.attachments["DenyLeave/root"]',
        'aws_organizations_policy_attachment.attachments["DenyLeave/ou:Workloads"]',
        'aws_organizations_policy_attachment.attachments["CostCenter/account:acct-05"]',
        'aws_organizations_delegated_administrator.delegated["acct-10/guardduty.amazonaws.com"]',
      ]),
    );
  });

  it("applies; the state holds every object and the next plan is empty", async () => {
    await sandbox.apply(dir, ["tfplan"]);
    // Every managed object (the data sources that asked AWS what exists are listed too: left out here).
    const state = (await sandbox.tofu.run(dir, ["state", "list"])).stdout.trim().split("\n").filter((address) => !address.startsWith("data."));
    expect(state).toHaveLength(1 + 6 + 26 + 2 + 4 + 1);
    expect(state).toContain('aws_organizations_organizational_unit.ous_level_3["Workloads/Prod/Web"]');
    expect(state).toContain('aws_organizations_account.imported["acct-04"]');
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("plans exactly an edit of the generated config: one account moved, one OU added", async () => {
    const edited: OrganizationConfigInput = {
      ...adopted,
      organizationalUnits: [...(adopted.organizationalUnits ?? []), { name: "Archive" }],
      accounts: (adopted.accounts ?? []).map((a) => (a.name === "acct-07" ? { ...a, organizationalUnit: "Security" } : a)),
    };
    const editedDir = await prepare("adopted-edited", edited);
    const plan = await sandbox.plan(editedDir);
    expect(addressesByAction(plan.json)).toEqual({
      create: ['aws_organizations_organizational_unit.ous["Archive"]'],
      update: ['aws_organizations_account.imported["acct-07"]'],
    });
    // An attachment added to an adopted policy is created, not imported: it does not exist yet.
    const attached = await prepare("adopted-attached", {
      ...adopted,
      policies: (adopted.policies ?? []).map((p) => (p.name === "DenyLeave" ? { ...p, targets: { ...p.targets, accounts: ["acct-03", "acct-07"] } } : p)),
    });
    expect(addressesByAction((await sandbox.plan(attached)).json)).toEqual({ create: ['aws_organizations_policy_attachment.attachments["DenyLeave/account:acct-07"]'] });
  });
});

describe("what the organization holds and the config does not", () => {
  it("is listed by aws-org plan and shown in the plan comment: an account made in the console, an OU", async () => {
    const root = await rootId(organizations);
    const made = await account("made-in-console", ids.Security!, root);
    const madeOu = await ou("Experiments", ids.Sandbox!);
    const cli = (args: string[]) => awsOrg(sandbox, args);
    const planned = await cli(["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stdout).toContain("organization: no changes");
    // The two, and acct-27: closed (suspended), it is still in the organization, and init left it out.
    expect(planned.stdout).toContain("organization: 3 accounts or OUs in the organization that the config does not manage");
    const comment = (await cli(["plan-comment", "--stack", `organization=${dir}`])).stdout;
    expect(comment).toContain("## ✅ OpenTofu plan: no changes");
    expect(comment).toContain("### 👻 In the organization, not in the config (3)");
    expect(comment).toContain(`- account \`acct-27\` (\`${ids["acct-27"]}\`) in \`Security\``);
    expect(comment).toContain(`- account \`made-in-console\` (\`${made}\`) in \`Security\``);
    expect(comment).toContain(`- organizational unit \`Experiments\` (\`${madeOu}\`) in \`Sandbox\``);
    // Without access to Organizations the plan still succeeds, and says what it could not list.
    const blind = await runProcess(process.execPath, ["cli/aws-org.mjs", "plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`], {
      env: { ...sandbox.tofu.env, TOFU_BIN: sandbox.tools.tofuBin },
      timeout: 240_000,
    });
    expect(blind.status, blind.stderr).toBe(0);
    expect(blind.stdout).toContain("organization: could not list the live organization's unmanaged accounts and OUs");
    expect((await cli(["plan-comment", "--stack", `organization=${dir}`])).stdout).toContain("> Could not list what the organization holds to find what the config does not manage");
  });
});

describe("an init that cannot reach AWS", () => {
  it("fails with the SDK's reason and writes nothing", async () => {
    const file = join(sandbox.workDir, "unreachable.ts");
    const result = await runProcess(process.execPath, ["cli/aws-org.mjs", "init", "--out", file], {
      env: { ...sandbox.tofu.env, AWS_ENDPOINT_URL: "https://127.0.0.1:9", AWS_MAX_ATTEMPTS: "1" },
      timeout: 120_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^aws-org: /);
    expect(existsSync(file)).toBe(false);
  });
});
