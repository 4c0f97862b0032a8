// The hand-written twin's terraform.tfvars.json: the same organization as a config, written the
// way an engineer keeps data beside hand-written HCL (bench/hcl-twin/main.tf).
import type { OrganizationConfigInput } from "../../config/schema.js";
import { validateConfig } from "../../config/validate.js";
import { attachmentKey, policyTargetKey } from "../../terraform/names.js";

/** The twin's terraform.tfvars.json: the same organization as the config, as an engineer would write it. */
export function twinVariables(config: OrganizationConfigInput): Record<string, unknown> {
  const model = validateConfig(config);
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
    policy_attachments: Object.fromEntries(
      model.policies.flatMap((p) => p.targets.map((t) => [attachmentKey(p.name, t), { policy: p.name, target: t.kind === "ou" ? t.key : policyTargetKey(t) }])),
    ),
  };
}

