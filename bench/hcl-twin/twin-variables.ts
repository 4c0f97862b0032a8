// The hand-written twin's terraform.tfvars.json: the same organization as a config, written the
// way an engineer keeps data beside hand-written HCL (bench/hcl-twin/main.tf).
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { validateConfig } from "../../config-language/validate.js";
import { attachmentKey, managedPolicyKey, policyTargetKey } from "../../terraform/names.js";

/** The twin's terraform.tfvars.json: the same organization as the config, as an engineer would write it. */
export function twinVariables(config: OrganizationConfigInput): Record<string, unknown> {
  const model = validateConfig(config);
  const access = model.identityCenter;
  return {
    organization_id: model.organization.importId ?? null,
    enabled_policy_types: model.organization.enabledPolicyTypes,
    aws_service_access_principals: model.organization.awsServiceAccessPrincipals,
    default_tags: model.defaultTags,
    organizational_units: Object.fromEntries(model.organizationalUnits.filter((u) => u.depth === 1).map((u) => [u.key, {}])),
    organizational_units_level_2: Object.fromEntries(model.organizationalUnits.filter((u) => u.depth === 2).map((u) => [u.key, { name: u.name, parent: u.parentKey }])),
    accounts_to_create: Object.fromEntries(model.accounts.filter((a) => !a.importId).map((a) => [a.name, { email: a.email, organizational_unit: a.organizationalUnitKey }])),
    accounts_to_import: Object.fromEntries(model.accounts.filter((a) => a.importId).map((a) => [a.name, { email: a.email, organizational_unit: a.organizationalUnitKey, id: a.importId }])),
    policies: Object.fromEntries(model.policies.map((p) => [p.name, { description: p.description, content: p.content }])),
    // Access: permission sets with AWS managed policies, groups made here, group assignments (what the bench configs use).
    permission_sets: Object.fromEntries((access?.permissionSets ?? []).map((p) => [p.name, { description: p.description ?? null, session_duration: p.sessionDuration }])),
    permission_set_managed_policies: Object.fromEntries(
      (access?.permissionSets ?? []).flatMap((p) => p.managedPolicyArns.map((arn) => [`${p.name}/${managedPolicyKey(arn)}`, { permission_set: p.name, arn }])),
    ),
    groups: Object.fromEntries((access?.groups ?? []).map((g) => [g.name, { description: g.description ?? null }])),
    account_assignments: Object.fromEntries((access?.assignments ?? []).map((a) => [a.key, { permission_set: a.permissionSet, group: a.principal, account: a.account }])),
    policy_attachments: Object.fromEntries(
      model.policies.flatMap((p) => p.targets.map((t) => [attachmentKey(p.name, t), { policy: p.name, target: t.kind === "ou" ? t.key : policyTargetKey(t) }])),
    ),
  };
}

