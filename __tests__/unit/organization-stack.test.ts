import { describe, expect, it } from "vitest";
import defaultConfig from "../../config/organization.js";
import { synthOrganization, TEST_BACKEND } from "../helpers/synth.js";

const seed = synthOrganization(defaultConfig);

describe("organization stack on the default config (the hand-written setup's organization)", () => {
  it("keeps the hand-written addresses, with no cdktf hash suffixes", () => {
    expect(Object.keys(seed.resource.aws_organizations_organization)).toEqual(["org"]);
    expect(Object.keys(seed.resource.aws_organizations_organizational_unit)).toEqual(["ous"]);
    expect(Object.keys(seed.resource.aws_organizations_account).sort()).toEqual(["accounts", "imported"]);
  });

  it("creates the organization with the seed's arguments and prevent_destroy", () => {
    const org = seed.resource.aws_organizations_organization.org;
    expect(org.feature_set).toBe("ALL");
    expect(org.enabled_policy_types).toEqual(["SERVICE_CONTROL_POLICY"]);
    expect(org.aws_service_access_principals).toEqual([
      "sso.amazonaws.com",
      "cloudtrail.amazonaws.com",
      "config.amazonaws.com",
      "iam.amazonaws.com",
      "account.amazonaws.com",
    ]);
    expect(org.lifecycle).toEqual({ prevent_destroy: true });
  });

  it("creates the OUs under the root with for_each, tagged Name and ManagedBy", () => {
    const ous = seed.resource.aws_organizations_organizational_unit.ous;
    expect(ous.for_each).toBe("${var.organizational_units}");
    expect(ous.name).toBe("${each.key}");
    expect(ous.parent_id).toBe("${aws_organizations_organization.org.roots[0].id}");
    // As in the seed: organizational_units = { "Production" = {}, ... }, tags Name + ManagedBy.
    expect(seed.variable.organizational_units).toEqual({
      type: "map(object({}))",
      default: { Production: {}, Infrastructure: {}, Security: {} },
      description: expect.any(String),
    });
    expect(seed.variable.default_tags.default).toEqual({ ManagedBy: "OpenTofu" });
    expect(ous.tags).toBe("${merge(var.default_tags, { Name = each.key })}");
  });

  it("creates website-prod with for_each, prevent_destroy and the seed's arguments", () => {
    const accounts = seed.resource.aws_organizations_account.accounts;
    expect(accounts.for_each).toBe("${var.accounts_to_create}");
    // Create-only settings an adoption (an import after a cut-off apply) cannot read back.
    expect(accounts.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["role_name", "iam_user_access_to_billing"] });
    expect(accounts.parent_id).toBe("${aws_organizations_organizational_unit.ous[each.value.organizational_unit].id}");
    // Only what varies per account is in the map; what every account shares is a literal, as in the seed.
    expect(seed.variable.accounts_to_create.default).toEqual({ "website-prod": { email: "aws-website-prod@example.com", organizational_unit: "Production" } });
    expect(accounts).toMatchObject({ role_name: "OrganizationAccountAccessRole", iam_user_access_to_billing: "DENY", close_on_deletion: false });
    expect(accounts.tags).toBe("${merge(var.default_tags, { Name = each.key })}");
  });

  it("imports dns with one import block and ignores what AWS cannot read back", () => {
    expect(seed.import).toEqual([{ to: 'aws_organizations_account.imported["dns"]', id: "111111111111" }]);
    const imported = seed.resource.aws_organizations_account.imported;
    expect(imported.for_each).toBe("${var.accounts_to_import}");
    expect(imported.lifecycle.prevent_destroy).toBe(true);
    expect(imported.lifecycle.ignore_changes).toEqual(["role_name", "iam_user_access_to_billing", "close_on_deletion", "create_govcloud"]);
    expect(imported.role_name).toBeUndefined();
    expect(seed.variable.accounts_to_import.default).toEqual({ dns: { email: "aws-dns@example.com", organizational_unit: "Infrastructure" } });
  });

  it("stores state in the S3 backend with DynamoDB locking and encryption", () => {
    expect(seed.terraform.backend.s3).toEqual({
      bucket: TEST_BACKEND.bucket,
      key: TEST_BACKEND.key,
      region: "us-east-1",
      dynamodb_table: TEST_BACKEND.dynamodb_table,
      encrypt: true,
    });
  });

  it("admits later 6.x provider releases instead of cdktf's exact pin", () => {
    expect(seed.terraform.required_providers.aws.version).toBe("~> 6.25");
    const pinned = synthOrganization({ ...defaultConfig, provider: { versionConstraint: ">= 6.25, < 7.0" } });
    expect(pinned.terraform.required_providers.aws.version).toBe(">= 6.25, < 7.0");
  });

  it("leaves the provider's max_retries to it unless the config sets one", () => {
    expect(seed.provider.aws[0].max_retries).toBeUndefined();
    expect(synthOrganization({ ...defaultConfig, provider: { maxRetries: 4 } }).provider.aws[0].max_retries).toBe(4);
  });

  it("matches the reviewed snapshot", () => {
    expect(seed).toMatchSnapshot();
  });
});

describe("organization stack options", () => {
  it("imports an existing organization when its id is given", () => {
    const json = synthOrganization({ ...defaultConfig, organization: { ...defaultConfig.organization, id: "o-abcdef1234" } });
    expect(json.import).toContainEqual({ to: "aws_organizations_organization.org", id: "o-abcdef1234" });
    expect(json.import).toContainEqual({ to: 'aws_organizations_account.imported["dns"]', id: "111111111111" });
  });

  it("turns on OpenTofu's S3 lock file when use_lockfile is set", () => {
    const json = synthOrganization(defaultConfig, { ...TEST_BACKEND, use_lockfile: true });
    expect(json.terraform.backend.s3.use_lockfile).toBe(true);
    expect(json.terraform.backend.s3.dynamodb_table).toBe(TEST_BACKEND.dynamodb_table);
  });

  it("keeps the account resources (and their protection) when no account is left", () => {
    const json = synthOrganization({ organizationalUnits: [{ name: "A" }] });
    expect(json.variable.accounts_to_create.default).toEqual({});
    expect(json.resource.aws_organizations_account.accounts.lifecycle.prevent_destroy).toBe(true);
    expect(json.import).toBeUndefined();
  });

  it("gives each nesting level its own for_each resource keyed by path", () => {
    const json = synthOrganization({
      emailConvention: "aws-{name}@example.com",
      organizationalUnits: [
        { name: "Workloads" },
        { name: "Prod", parent: "Workloads" },
        { name: "Web", parent: "Workloads/Prod" },
        { name: "Sandbox" },
        { name: "Prod", parent: "Sandbox" },
      ],
      accounts: [
        { name: "web-prod", organizationalUnit: "Web" },
        { name: "sandbox-prod", organizationalUnit: "Sandbox/Prod" },
        { name: "audit" },
      ],
    });
    const ous = json.resource.aws_organizations_organizational_unit;
    expect(Object.keys(ous).sort()).toEqual(["ous", "ous_level_2", "ous_level_3"]);
    expect(Object.keys(json.variable.organizational_units_level_2.default).sort()).toEqual(["Sandbox/Prod", "Workloads/Prod"]);
    expect(json.variable.organizational_units_level_3.default["Workloads/Prod/Web"]).toEqual({ name: "Web", parent: "Workloads/Prod" });
    expect(ous.ous_level_2.parent_id).toBe("${aws_organizations_organizational_unit.ous[each.value.parent].id}");
    expect(ous.ous_level_3.parent_id).toBe("${aws_organizations_organizational_unit.ous_level_2[each.value.parent].id}");
    expect(ous.ous_level_3.name).toBe("${each.value.name}");

    // Accounts at any depth, or at the root ("/"), find their parent through one map.
    expect(json.resource.aws_organizations_account.accounts.parent_id).toBe("${local.parent_ids[each.value.organizational_unit]}");
    expect(json.locals.parent_ids).toBe(
      '${merge({ "/" = aws_organizations_organization.org.roots[0].id }, ' +
        "{ for key, ou in aws_organizations_organizational_unit.ous : key => ou.id }, " +
        "{ for key, ou in aws_organizations_organizational_unit.ous_level_2 : key => ou.id }, " +
        "{ for key, ou in aws_organizations_organizational_unit.ous_level_3 : key => ou.id })}",
    );
    expect(json.variable.accounts_to_create.default["web-prod"].organizational_unit).toBe("Workloads/Prod/Web");
    expect(json.variable.accounts_to_create.default.audit.organizational_unit).toBe("/");
  });

  it("renames an OU in place with moved blocks, for it and every OU below it", () => {
    const json = synthOrganization({
      organizationalUnits: [
        { name: "Apps", renamedFrom: "Workloads" },
        { name: "Prod", parent: "Apps" },
        { name: "Edge", parent: "Apps/Prod", renamedFrom: "Web" },
        { name: "Security" },
      ],
    });
    expect(json.moved).toEqual([
      { from: 'aws_organizations_organizational_unit.ous["Workloads"]', to: 'aws_organizations_organizational_unit.ous["Apps"]' },
      { from: 'aws_organizations_organizational_unit.ous_level_2["Workloads/Prod"]', to: 'aws_organizations_organizational_unit.ous_level_2["Apps/Prod"]' },
      { from: 'aws_organizations_organizational_unit.ous_level_3["Workloads/Prod/Web"]', to: 'aws_organizations_organizational_unit.ous_level_3["Apps/Prod/Edge"]' },
    ]);
    expect(synthOrganization(defaultConfig).moved).toBeUndefined();
  });

  it("lets account tags and default tags be set, Name always being the resource's name", () => {
    const json = synthOrganization({
      defaultTags: { ManagedBy: "OpenTofu", CostCenter: "platform" },
      organizationalUnits: [{ name: "Prod", tags: { Tier: "1" } }],
      accounts: [{ name: "a", email: "a@example.com", organizationalUnit: "Prod", tags: { Owner: "team-a" } }],
    });
    expect(json.variable.default_tags.default).toEqual({ ManagedBy: "OpenTofu", CostCenter: "platform" });
    expect(json.variable.organizational_units.default.Prod.tags).toEqual({ Tier: "1" });
    expect(json.variable.accounts_to_create.default.a.tags).toEqual({ Owner: "team-a" });
    // Merged by tofu: the defaults, then Name, then the resource's own (which may override both).
    expect(json.resource.aws_organizations_account.accounts.tags).toBe("${merge(var.default_tags, { Name = each.key }, each.value.tags)}");
    expect(json.resource.aws_organizations_organizational_unit.ous.tags).toBe("${merge(var.default_tags, { Name = each.key }, each.value.tags)}");
    // An account that differs in a create-only setting carries it; the others keep theirs.
    const mixed = synthOrganization({ emailConvention: "a-{name}@example.com", accounts: [{ name: "a" }, { name: "b", roleName: "Admin" }] });
    expect(mixed.variable.accounts_to_create.default).toEqual({ a: { email: "a-a@example.com", organizational_unit: "/", role_name: "OrganizationAccountAccessRole" }, b: { email: "a-b@example.com", organizational_unit: "/", role_name: "Admin" } });
    expect(mixed.resource.aws_organizations_account.accounts).toMatchObject({ role_name: "${each.value.role_name}", iam_user_access_to_billing: "DENY" });
  });

  it("leaves tags exactly as given with nameTags false and no default tags (adopting without retagging)", () => {
    const json = synthOrganization({
      nameTags: false,
      defaultTags: {},
      organizationalUnits: [{ name: "Prod", tags: { Name: "Production" } }, { name: "Dev" }],
      accounts: [{ name: "a", email: "a@example.com", organizationalUnit: "Prod", tags: { team: "a" } }],
    });
    expect(json.resource.aws_organizations_account.accounts.tags).toBe("${merge(var.default_tags, each.value.tags)}");
    expect(json.variable.accounts_to_create.default.a.tags).toEqual({ team: "a" });
    expect(json.variable.organizational_units.default).toEqual({ Prod: { tags: { Name: "Production" } }, Dev: { tags: {} } });
    expect(json.variable.default_tags.default).toEqual({});
  });

  it("adopts existing OUs at any depth with one import block each, into their for_each instances", () => {
    const json = synthOrganization({
      organizationalUnits: [
        { name: "Workloads", id: "ou-ab12-abcdefgh" },
        { name: "Prod", parent: "Workloads", id: "ou-ab12-12345678" },
        { name: "New", parent: "Workloads" },
      ],
    });
    expect(json.import).toEqual([
      { to: 'aws_organizations_organizational_unit.ous["Workloads"]', id: "ou-ab12-abcdefgh" },
      { to: 'aws_organizations_organizational_unit.ous_level_2["Workloads/Prod"]', id: "ou-ab12-12345678" },
    ]);
    expect(Object.keys(json.variable.organizational_units_level_2.default).sort()).toEqual(["Workloads/New", "Workloads/Prod"]);
  });
});
