// Guardrails: aws_organizations_policy.policies["<name>"] and their attachments,
// aws_organizations_policy_attachment.attachments["<policy>/<target>"]. Each document stays a
// readable JSON object in local.policies and reaches AWS through jsonencode(); every string in it is
// escaped as data, so policy variables such as ${aws:username} arrive unchanged.
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy/index.js";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment/index.js";
import { TerraformIterator, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { PolicyModel } from "../config-language/model.js";
import { addImportBlock, named, namedLocal } from "../terraform/blocks.js";
import { escapeTemplate, escapeTemplateJson, escapeTemplateValues } from "../terraform/escape.js";
import { attachmentKey, LOCALS, policyAddress, RESOURCE_NAMES, RESOURCE_TYPES, targetIdReference } from "../terraform/names.js";

export interface PoliciesProps {
  /** Every policy of the config, with its targets. */
  readonly policies: PolicyModel[];
  /** Whether an account (by name) is imported: its id lives in aws_organizations_account.imported. */
  readonly isImportedAccount: (name: string) => boolean;
  /** The organization: a policy can be attached only once its type is enabled on the root. */
  readonly organization: ITerraformDependable;
}

export class Policies extends Construct {
  readonly policies?: OrganizationsPolicy;
  readonly attachments?: OrganizationsPolicyAttachment;

  constructor(scope: Construct, id: string, props: PoliciesProps) {
    super(scope, id);
    if (props.policies.length === 0) return;
    const values = Object.fromEntries(
      props.policies.map((policy) => [
        policy.name,
        {
          type: policy.type,
          description: escapeTemplate(policy.description),
          content: escapeTemplateJson(policy.content),
          tags: escapeTemplateValues(policy.tags),
        },
      ]),
    );
    const each = TerraformIterator.fromMap(namedLocal(this, LOCALS.policies, values).asAnyMap);
    this.policies = named(
      new OrganizationsPolicy(this, RESOURCE_NAMES.policies, {
        forEach: each,
        name: each.key,
        type: each.getString("type"),
        description: each.getString("description"),
        // jsonencode writes the document minified, as policy-rules.ts counts its size.
        content: "${jsonencode(each.value.content)}",
        tags: each.getStringMap("tags"),
      }),
      RESOURCE_NAMES.policies,
    );
    for (const policy of props.policies) if (policy.importId !== undefined) addImportBlock(this, policyAddress(policy.name), policy.importId);

    const attachments = Object.fromEntries(
      props.policies.flatMap((policy) =>
        policy.targets.map((target) => [attachmentKey(policy.name, target), { policy: policy.name, target_id: `\${${targetIdReference(target, props.isImportedAccount)}}` }]),
      ),
    );
    if (Object.keys(attachments).length === 0) return;
    const eachAttachment = TerraformIterator.fromMap(namedLocal(this, LOCALS.policyAttachments, attachments).asAnyMap);
    this.attachments = named(
      new OrganizationsPolicyAttachment(this, RESOURCE_NAMES.policyAttachments, {
        forEach: eachAttachment,
        policyId: `\${${RESOURCE_TYPES.policy}.${RESOURCE_NAMES.policies}[each.value.policy].id}`,
        targetId: eachAttachment.getString("target_id"),
        dependsOn: [props.organization],
      }),
      RESOURCE_NAMES.policyAttachments,
    );
  }
}
