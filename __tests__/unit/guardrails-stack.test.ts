import { describe, expect, it } from "vitest";
import { synthOrganization } from "../helpers/synth.js";

const config = {
  organization: { enabledPolicyTypes: ["SERVICE_CONTROL_POLICY" as const, "TAG_POLICY" as const], awsServiceAccessPrincipals: ["guardduty.amazonaws.com"] },
  emailConvention: "aws-{name}@example.com",
  organizationalUnits: [{ name: "Workloads" }, { name: "Prod", parent: "Workloads" }],
  accounts: [{ name: "app", organizationalUnit: "Workloads/Prod" }, { name: "security", id: "222222222222" }],
  defaultTags: { ManagedBy: "OpenTofu" },
  policies: [
    {
      name: "DenyOtherUsersKeys",
      description: "Keys only for ${aws:username}",
      content: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny" as const, Action: "iam:*AccessKey*", NotResource: "arn:aws:iam::*:user/${aws:username}", Condition: { StringLike: { "aws:PrincipalTag/${team}": "%{x}" } } }],
      },
      targets: { root: true, organizationalUnits: ["Workloads/Prod"], accounts: ["app", "security"] },
      tags: { Purpose: "guardrail" },
    },
    { name: "Tags", type: "TAG_POLICY" as const, content: { tags: {} }, id: "p-abcdefgh12" },
  ],
  delegatedAdministrators: { security: ["guardduty.amazonaws.com"], app: ["guardduty.amazonaws.com"] },
};

describe("guardrails in the synthesized JSON", () => {
  const json = synthOrganization(config);

  it("keeps each policy document a readable object in locals, every ${ and %{ in it escaped as data", () => {
    const policy = json.locals.policies.DenyOtherUsersKeys;
    expect(policy.type).toBe("SERVICE_CONTROL_POLICY");
    expect(policy.description).toBe("Keys only for $${aws:username}");
    expect(policy.content.Statement[0].NotResource).toBe("arn:aws:iam::*:user/$${aws:username}");
    expect(policy.content.Statement[0].Condition.StringLike).toEqual({ "aws:PrincipalTag/$${team}": "%%{x}" });
    expect(policy.tags).toEqual({ ManagedBy: "OpenTofu", Purpose: "guardrail" });
    expect(json.resource.aws_organizations_policy.policies).toMatchObject({
      for_each: "${local.policies}",
      name: "${each.key}",
      content: "${jsonencode(each.value.content)}",
    });
  });

  it("keys attachments <policy>/<target> and points each at its target's instance", () => {
    expect(json.locals.policy_attachments).toEqual({
      "DenyOtherUsersKeys/root": { policy: "DenyOtherUsersKeys", target_id: "${aws_organizations_organization.org.roots[0].id}" },
      "DenyOtherUsersKeys/ou:Workloads/Prod": { policy: "DenyOtherUsersKeys", target_id: '${aws_organizations_organizational_unit.ous_level_2["Workloads/Prod"].id}' },
      "DenyOtherUsersKeys/account:app": { policy: "DenyOtherUsersKeys", target_id: '${aws_organizations_account.accounts["app"].id}' },
      "DenyOtherUsersKeys/account:security": { policy: "DenyOtherUsersKeys", target_id: '${aws_organizations_account.imported["security"].id}' },
    });
    expect(json.resource.aws_organizations_policy_attachment.attachments).toMatchObject({
      policy_id: "${aws_organizations_policy.policies[each.value.policy].id}",
      target_id: "${each.value.target_id}",
      // The policy type is enabled by the organization resource: attach only after it.
      depends_on: ["aws_organizations_organization.org"],
    });
  });

  it("adopts an existing policy by id with an import block", () => {
    expect(json.import).toContainEqual({ to: 'aws_organizations_policy.policies["Tags"]', id: "p-abcdefgh12" });
  });

  it("registers delegated administrators keyed <account>/<principal>, after trusted access is enabled", () => {
    expect(json.locals.delegated_administrators).toEqual({
      "security/guardduty.amazonaws.com": { account_id: '${aws_organizations_account.imported["security"].id}', service_principal: "guardduty.amazonaws.com" },
      "app/guardduty.amazonaws.com": { account_id: '${aws_organizations_account.accounts["app"].id}', service_principal: "guardduty.amazonaws.com" },
    });
    expect(json.resource.aws_organizations_delegated_administrator.delegated).toMatchObject({
      for_each: "${local.delegated_administrators}",
      account_id: "${each.value.account_id}",
      service_principal: "${each.value.service_principal}",
      depends_on: ["aws_organizations_organization.org"],
    });
  });

  it("writes no policy resources for a config without policies", () => {
    const plain = synthOrganization({ emailConvention: "a-{name}@example.com", accounts: [{ name: "x" }] });
    expect(plain.resource.aws_organizations_policy).toBeUndefined();
    expect(plain.resource.aws_organizations_delegated_administrator).toBeUndefined();
  });
});

describe("adopting the links of an adopted organization", () => {
  const json = synthOrganization({
    organization: { id: "o-abcdefghij", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"], awsServiceAccessPrincipals: ["guardduty.amazonaws.com"] },
    emailConvention: "aws-{name}@example.com",
    organizationalUnits: [{ name: "Old", id: "ou-ab12-aaaaaaaa" }, { name: "New" }],
    accounts: [{ name: "legacy", organizationalUnit: "Old", id: "222222222222" }, { name: "fresh", organizationalUnit: "New" }],
    policies: [
      { name: "Adopted", id: "p-abcdefgh12", content: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }, targets: { root: true, organizationalUnits: ["Old", "New"], accounts: ["legacy", "fresh"] } },
      { name: "Mine", content: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }, targets: { root: true } },
    ],
    delegatedAdministrators: { legacy: ["guardduty.amazonaws.com"], fresh: ["guardduty.amazonaws.com"] },
  });

  it("asks AWS at plan time which links between adopted objects exist, and imports exactly those", () => {
    // Only the adopted policy's links to adopted targets can exist already: root, Old, legacy.
    expect(Object.keys(json.locals.adoptable_attachments).sort()).toEqual(["Adopted/account:legacy", "Adopted/ou:Old", "Adopted/root"]);
    expect(json.locals.adoptable_attachments["Adopted/ou:Old"]).toEqual({ policy_id: "p-abcdefgh12", target_id: "ou-ab12-aaaaaaaa", lookup: "ou-ab12-aaaaaaaa/SERVICE_CONTROL_POLICY" });
    expect(json.locals.adoptable_attachments["Adopted/root"].target_id).toBe("${data.aws_organizations_organization.adopted.roots[0].id}");
    expect(json.data.aws_organizations_policies_for_target.existing).toMatchObject({ for_each: "${local.attachment_lookups}", target_id: "${each.value.target_id}", filter: "${each.value.filter}" });
    expect(json.import).toContainEqual({
      for_each: "${local.existing_attachments}",
      to: "aws_organizations_policy_attachment.attachments[each.key]",
      id: "${each.value.target_id}:${each.value.policy_id}",
    });
    expect(json.locals.adoptable_delegations).toEqual({ "legacy/guardduty.amazonaws.com": { account_id: "222222222222", service_principal: "guardduty.amazonaws.com" } });
    expect(json.import).toContainEqual({
      for_each: "${local.existing_delegations}",
      to: "aws_organizations_delegated_administrator.delegated[each.key]",
      id: "${each.value.account_id}/${each.value.service_principal}",
    });
  });

  it("asks nothing when the organization is created here: nothing in it can exist yet", () => {
    const created = synthOrganization({ organization: { enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] }, policies: [{ name: "P", id: "p-abcdefgh12", content: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }, targets: { root: true } }] });
    expect(created.data).toBeUndefined();
    expect(created.locals.adoptable_attachments).toBeUndefined();
  });
});
