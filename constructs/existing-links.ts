// When an organization is adopted, some of its policy attachments and delegated-administrator
// registrations exist already: creating them again fails in AWS. Which ones exist is asked of AWS
// at plan time (data sources), and exactly those are imported (`import` blocks with for_each);
// the rest are created as usual. Only links between objects that are themselves adopted (the
// root of an imported organization, OUs and accounts with an id, policies with an id) can exist.
import { DataAwsOrganizationsDelegatedAdministrators } from "@cdktf/provider-aws/lib/data-aws-organizations-delegated-administrators/index.js";
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization/index.js";
import { DataAwsOrganizationsPoliciesForTarget } from "@cdktf/provider-aws/lib/data-aws-organizations-policies-for-target/index.js";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import type { OrganizationModel, PolicyTargetModel } from "../config-language/model.js";
import { addImportBlock, named, namedLocal } from "../terraform/blocks.js";
import { attachmentKey, delegatedAdministratorKey, LOCALS, RESOURCE_NAMES, RESOURCE_TYPES } from "../terraform/names.js";

export interface ExistingLinksProps {
  readonly model: OrganizationModel;
}

export class ExistingLinks extends Construct {
  constructor(scope: Construct, id: string, props: ExistingLinksProps) {
    super(scope, id);
    const { model } = props;
    if (model.organization.importId === undefined) return;
    const unitIds = new Map(model.organizationalUnits.flatMap((unit) => (unit.importId ? [[unit.key, unit.importId]] : [])));
    const accountIds = new Map(model.accounts.flatMap((account) => (account.importId ? [[account.name, account.importId]] : [])));
    let rootIdReference: string | undefined;
    const targetId = (target: PolicyTargetModel): string | undefined => {
      if (target.kind === "ou") return unitIds.get(target.key);
      if (target.kind === "account") return accountIds.get(target.name);
      if (rootIdReference === undefined) {
        named(new DataAwsOrganizationsOrganization(this, "adopted"), "adopted");
        rootIdReference = "${data.aws_organizations_organization.adopted.roots[0].id}";
      }
      return rootIdReference;
    };

    const attachments: Record<string, { policy_id: string; target_id: string; lookup: string }> = {};
    const lookups: Record<string, { target_id: string; filter: string }> = {};
    for (const policy of model.policies) {
      if (policy.importId === undefined) continue;
      for (const target of policy.targets) {
        const id = targetId(target);
        if (id === undefined) continue;
        const lookup = `${target.kind === "root" ? "root" : id}/${policy.type}`;
        lookups[lookup] = { target_id: id, filter: policy.type };
        attachments[attachmentKey(policy.name, target)] = { policy_id: policy.importId, target_id: id, lookup };
      }
    }
    if (Object.keys(attachments).length > 0) {
      const each = TerraformIterator.fromMap(namedLocal(this, LOCALS.attachmentLookups, lookups).asAnyMap);
      named(new DataAwsOrganizationsPoliciesForTarget(this, "existing-attachments", { forEach: each, targetId: each.getString("target_id"), filter: each.getString("filter") }), "existing");
      namedLocal(this, LOCALS.adoptableAttachments, attachments);
      namedLocal(
        this,
        LOCALS.existingAttachments,
        `\${{ for key, a in local.${LOCALS.adoptableAttachments} : key => a if contains(data.aws_organizations_policies_for_target.existing[a.lookup].ids, a.policy_id) }}`,
      );
      addImportBlock(this, `${RESOURCE_TYPES.policyAttachment}.${RESOURCE_NAMES.policyAttachments}[each.key]`, "${each.value.target_id}:${each.value.policy_id}", `\${local.${LOCALS.existingAttachments}}`);
    }

    const delegations: Record<string, { account_id: string; service_principal: string }> = {};
    for (const { account, servicePrincipal } of model.delegatedAdministrators) {
      const id = accountIds.get(account);
      if (id !== undefined) delegations[delegatedAdministratorKey(account, servicePrincipal)] = { account_id: id, service_principal: servicePrincipal };
    }
    if (Object.keys(delegations).length > 0) {
      const principals = [...new Set(Object.values(delegations).map((d) => d.service_principal))].sort();
      const each = TerraformIterator.fromList(principals);
      named(new DataAwsOrganizationsDelegatedAdministrators(this, "existing-delegations", { forEach: each, servicePrincipal: each.value }), "existing");
      namedLocal(this, LOCALS.adoptableDelegations, delegations);
      namedLocal(
        this,
        LOCALS.existingDelegations,
        `\${{ for key, d in local.${LOCALS.adoptableDelegations} : key => d if contains(data.aws_organizations_delegated_administrators.existing[d.service_principal].delegated_administrators[*].id, d.account_id) }}`,
      );
      addImportBlock(this, `${RESOURCE_TYPES.delegatedAdministrator}.${RESOURCE_NAMES.delegatedAdministrators}[each.key]`, "${each.value.account_id}/${each.value.service_principal}", `\${local.${LOCALS.existingDelegations}}`);
    }
  }
}
