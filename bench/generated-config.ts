// A large organization for the benchmark: 100 OUs (20 under the root, 4 under each of those)
// and 1,000 accounts spread over them, every tenth one imported; optionally guardrails: 20 SCPs
// with 25 targets each (500 attachments, OUs and accounts, no target over AWS's limit).
import type { OrganizationConfigInput } from "../config-language/schema.js";

export function generatedConfig(accountCount = 1000, topLevelOus = 20, childrenPerOu = 4): OrganizationConfigInput {
  const organizationalUnits: { name: string; parent?: string }[] = Array.from({ length: topLevelOus }, (_, i) => `Division-${i + 1}`).flatMap((parent) => [
    { name: parent },
    ...Array.from({ length: childrenPerOu }, (_, j) => ({ name: `Team-${j + 1}`, parent })),
  ]);
  const paths = organizationalUnits.map((ou) => (ou.parent ? `${ou.parent}/${ou.name}` : ou.name));
  const accounts = Array.from({ length: accountCount }, (_, i) => {
    const name = `account-${String(i + 1).padStart(4, "0")}`;
    return {
      name,
      organizationalUnit: paths[i % paths.length],
      ...(i % 10 === 9 ? { id: String(100000000000 + i) } : { iamUserAccessToBilling: "DENY" as const }),
    };
  });
  return {
    organization: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] },
    emailConvention: "aws-{name}@example.com",
    organizationalUnits,
    accounts,
  };
}

/** The same organization with `policyCount` SCPs of `targetsPerPolicy` targets each. */
export function generatedConfigWithGuardrails(policyCount = 20, targetsPerPolicy = 25): OrganizationConfigInput {
  const config = generatedConfig();
  const units = (config.organizationalUnits ?? []).map((ou) => (ou.parent ? `${ou.parent}/${ou.name}` : ou.name));
  const accounts = (config.accounts ?? []).map((a) => a.name);
  // Every fifth target an OU, the rest accounts: each target gets at most one of these policies.
  const targets: ({ ou: string } | { account: string })[] = Array.from({ length: policyCount * targetsPerPolicy }, (_, i) =>
    i % 5 === 0 ? { ou: units[(i / 5) % units.length]! } : { account: accounts[i % accounts.length]! },
  );
  const policies = Array.from({ length: policyCount }, (_, p) => {
    const mine = targets.slice(p * targetsPerPolicy, (p + 1) * targetsPerPolicy);
    return {
      name: `Guardrail-${String(p + 1).padStart(2, "0")}`,
      description: `Generated guardrail ${p + 1}`,
      content: {
        Version: "2012-10-17",
        Statement: [
          { Sid: `DenyService${p}`, Effect: "Deny" as const, Action: [`service${p}:*`, "organizations:LeaveOrganization"], Resource: "*" },
          { Sid: `DenyOutsideRegions${p}`, Effect: "Deny" as const, NotAction: ["iam:*", "sts:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } },
        ],
      },
      targets: {
        organizationalUnits: mine.flatMap((t) => ("ou" in t ? [t.ou] : [])),
        accounts: mine.flatMap((t) => ("account" in t ? [t.account] : [])),
      },
    };
  });
  return { ...config, policies };
}

/**
 * The same organization with IAM Identity Center: `permissionSetCount` permission sets, one group
 * each, every group assigned its permission set on every top-level OU, so each account gets every
 * permission set through its OU (1,000 accounts x 10 = 10,000 account assignments).
 */
export function generatedConfigWithAccess(permissionSetCount = 10, accountCount = 1000): OrganizationConfigInput {
  const config = generatedConfig(accountCount);
  const divisions = (config.organizationalUnits ?? []).filter((ou) => !ou.parent).map((ou) => ou.name);
  const names = Array.from({ length: permissionSetCount }, (_, i) => `Role-${String(i + 1).padStart(2, "0")}`);
  return {
    ...config,
    organization: { ...config.organization, awsServiceAccessPrincipals: ["sso.amazonaws.com"] },
    identityCenter: {
      permissionSets: names.map((name, i) => ({ name, description: `Generated permission set ${i + 1}`, sessionDuration: "PT8H", managedPolicies: [i === 0 ? "AdministratorAccess" : "ReadOnlyAccess"] })),
      groups: names.map((name) => ({ name: `${name}-users` })),
      assignments: names.map((name) => ({ group: `${name}-users`, permissionSet: name, targets: { organizationalUnits: divisions } })),
    },
  };
}
