// Permission sets and what they grant: aws_ssoadmin_permission_set.permission_sets["<name>"], its
// AWS managed policies (.managed_policies["<set>/<policy>"]), customer managed policy references
// (.customer_managed_policies["<set>/<path><name>"]), inline policy and permissions boundary (keyed
// by permission set). The data sits in variables: literals, so an inline policy's ${aws:username}
// reaches AWS unchanged. An adopted permission set (arn) is imported with the policies it lists.
import { SsoadminCustomerManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-customer-managed-policy-attachment/index.js";
import { SsoadminManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment/index.js";
import { SsoadminPermissionSet } from "@cdktf/provider-aws/lib/ssoadmin-permission-set/index.js";
import { SsoadminPermissionSetInlinePolicy } from "@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy/index.js";
import { SsoadminPermissionsBoundaryAttachment } from "@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment/index.js";
import { Construct } from "constructs";
import { customerPolicyKey } from "../config-language/identity-center-rules.js";
import { ownTags, type PermissionSetModel, type Tags } from "../config-language/model.js";
import { addImportBlock, mapOfObjects, named, variableIterator } from "../terraform/blocks.js";
import { instanceAddress, managedPolicyKey, RESOURCE_NAMES, RESOURCE_TYPES, VARIABLES } from "../terraform/names.js";

export interface PermissionSetsProps {
  readonly permissionSets: PermissionSetModel[];
  /** HCL references (with ${}) from IdentityCenterInstance. */
  readonly instanceArn: string;
  /** Tags every permission set gets (var.default_tags): each entry holds only its own. */
  readonly defaultTags: Tags;
}

export class PermissionSets extends Construct {
  /** HCL reference (no ${}) to a permission set's ARN, given an expression for its name. */
  static arnOf = (nameExpression: string): string => `${RESOURCE_TYPES.permissionSet}.${RESOURCE_NAMES.permissionSets}[${nameExpression}].arn`;

  constructor(scope: Construct, id: string, props: PermissionSetsProps) {
    super(scope, id);
    const sets = props.permissionSets;
    if (sets.length === 0) return;
    const own = new Map(sets.map((set) => [set.name, ownTags(set.tags, props.defaultTags, set.name, false)]));
    const withOwnTags = [...own.values()].some((tags) => Object.keys(tags).length > 0);
    const withDescription = sets.some((set) => set.description !== undefined);
    const withRelayState = sets.some((set) => set.relayState !== undefined);
    const fields = {
      ...(withDescription ? { description: "string" } : {}),
      session_duration: "string",
      ...(withRelayState ? { relay_state: "string" } : {}),
      ...(withOwnTags ? { tags: "map(string)" } : {}),
    };
    const each = variableIterator(this, VARIABLES.permissionSets, {
      type: mapOfObjects(fields),
      description: "IAM Identity Center permission sets, by name",
      default: Object.fromEntries(
        sets.map((set) => [
          set.name,
          {
            ...(withDescription ? { description: set.description ?? null } : {}),
            session_duration: set.sessionDuration,
            ...(withRelayState ? { relay_state: set.relayState ?? null } : {}),
            ...(withOwnTags ? { tags: own.get(set.name) } : {}),
          },
        ]),
      ),
    });
    named(
      new SsoadminPermissionSet(this, RESOURCE_NAMES.permissionSets, {
        forEach: each,
        name: each.key,
        instanceArn: props.instanceArn,
        sessionDuration: each.getString("session_duration"),
        ...(withDescription ? { description: each.getString("description") } : {}),
        ...(withRelayState ? { relayState: each.getString("relay_state") } : {}),
        tags: (withOwnTags ? `\${merge(var.${VARIABLES.defaultTags}, each.value.tags)}` : `\${var.${VARIABLES.defaultTags}}`) as unknown as Record<string, string>,
      }),
      RESOURCE_NAMES.permissionSets,
    );
    const permissionSetArn = `\${${PermissionSets.arnOf("each.value.permission_set")}}`;
    const adopted = sets.filter((set) => set.importArn !== undefined);
    for (const set of adopted) {
      addImportBlock(this, instanceAddress(RESOURCE_TYPES.permissionSet, RESOURCE_NAMES.permissionSets, set.name), `${set.importArn},${props.instanceArn}`);
    }

    const managed = sets.flatMap((set) => set.managedPolicyArns.map((arn) => ({ set, key: `${set.name}/${managedPolicyKey(arn)}`, arn })));
    if (managed.length > 0) {
      const eachPolicy = variableIterator(this, VARIABLES.managedPolicies, {
        type: "map(object({ permission_set = string, arn = string }))",
        description: "AWS managed policies of permission sets: \"<permission set>/<policy>\"",
        default: Object.fromEntries(managed.map(({ set, key, arn }) => [key, { permission_set: set.name, arn }])),
      });
      named(
        new SsoadminManagedPolicyAttachment(this, RESOURCE_NAMES.managedPolicies, {
          forEach: eachPolicy,
          instanceArn: props.instanceArn,
          permissionSetArn,
          managedPolicyArn: eachPolicy.getString("arn"),
        }),
        RESOURCE_NAMES.managedPolicies,
      );
      for (const { set, key, arn } of managed) {
        if (set.importArn) addImportBlock(this, instanceAddress(RESOURCE_TYPES.managedPolicyAttachment, RESOURCE_NAMES.managedPolicies, key), `${arn},${set.importArn},${props.instanceArn}`);
      }
    }

    const customer = sets.flatMap((set) => set.customerManagedPolicies.map((policy) => ({ set, key: `${set.name}/${customerPolicyKey(policy)}`, policy })));
    if (customer.length > 0) {
      const eachPolicy = variableIterator(this, VARIABLES.customerManagedPolicies, {
        type: "map(object({ permission_set = string, name = string, path = string }))",
        description: "Customer managed policies of permission sets: \"<permission set>/<path><name>\"",
        default: Object.fromEntries(customer.map(({ set, key, policy }) => [key, { permission_set: set.name, name: policy.name, path: policy.path }])),
      });
      named(
        new SsoadminCustomerManagedPolicyAttachment(this, RESOURCE_NAMES.customerManagedPolicies, {
          forEach: eachPolicy,
          instanceArn: props.instanceArn,
          permissionSetArn,
          customerManagedPolicyReference: { name: eachPolicy.getString("name"), path: eachPolicy.getString("path") },
        }),
        RESOURCE_NAMES.customerManagedPolicies,
      );
      for (const { set, key, policy } of customer) {
        if (set.importArn) addImportBlock(this, instanceAddress(RESOURCE_TYPES.customerManagedPolicyAttachment, RESOURCE_NAMES.customerManagedPolicies, key), `${policy.name},${policy.path},${set.importArn},${props.instanceArn}`);
      }
    }

    const inline = sets.filter((set) => set.inlinePolicy !== undefined);
    if (inline.length > 0) {
      const eachDocument = variableIterator(this, VARIABLES.inlinePolicies, {
        // Documents differ in shape: "any" keeps each as written.
        type: "any",
        description: "Inline policies of permission sets, by permission set: the documents as objects",
        default: Object.fromEntries(inline.map((set) => [set.name, set.inlinePolicy])),
      });
      named(
        new SsoadminPermissionSetInlinePolicy(this, RESOURCE_NAMES.inlinePolicies, {
          forEach: eachDocument,
          instanceArn: props.instanceArn,
          permissionSetArn: `\${${PermissionSets.arnOf("each.key")}}`,
          // jsonencode writes the document minified, as identity-center-rules.ts counts its size.
          inlinePolicy: "${jsonencode(each.value)}",
        }),
        RESOURCE_NAMES.inlinePolicies,
      );
      for (const set of inline) {
        if (set.importArn) addImportBlock(this, instanceAddress(RESOURCE_TYPES.inlinePolicy, RESOURCE_NAMES.inlinePolicies, set.name), `${set.importArn},${props.instanceArn}`);
      }
    }

    const bounded = sets.filter((set) => set.permissionsBoundary !== undefined);
    if (bounded.length > 0) {
      const eachBoundary = variableIterator(this, VARIABLES.permissionsBoundaries, {
        type: "map(object({ managed_policy_arn = string, customer_managed_policy_name = string, customer_managed_policy_path = string }))",
        description: "Permissions boundaries of permission sets: an AWS managed policy's ARN, or a customer managed policy's name and path",
        default: Object.fromEntries(
          bounded.map((set) => {
            const boundary = set.permissionsBoundary!;
            return [
              set.name,
              "managedPolicyArn" in boundary
                ? { managed_policy_arn: boundary.managedPolicyArn, customer_managed_policy_name: null, customer_managed_policy_path: null }
                : { managed_policy_arn: null, customer_managed_policy_name: boundary.customerManagedPolicy.name, customer_managed_policy_path: boundary.customerManagedPolicy.path },
            ];
          }),
        ),
      });
      const resource = named(
        new SsoadminPermissionsBoundaryAttachment(this, RESOURCE_NAMES.permissionsBoundaries, {
          forEach: eachBoundary,
          instanceArn: props.instanceArn,
          permissionSetArn: `\${${PermissionSets.arnOf("each.key")}}`,
          permissionsBoundary: { managedPolicyArn: eachBoundary.getString("managed_policy_arn") },
        }),
        RESOURCE_NAMES.permissionsBoundaries,
      );
      // One of the two forms per permission set: the customer managed reference only where it is set.
      resource.addOverride("permissions_boundary.dynamic", {
        customer_managed_policy_reference: {
          for_each: "${each.value.customer_managed_policy_name == null ? [] : [each.value]}",
          content: { name: "${customer_managed_policy_reference.value.customer_managed_policy_name}", path: "${customer_managed_policy_reference.value.customer_managed_policy_path}" },
        },
      });
      for (const set of bounded) {
        if (set.importArn) addImportBlock(this, instanceAddress(RESOURCE_TYPES.permissionsBoundary, RESOURCE_NAMES.permissionsBoundaries, set.name), `${set.importArn},${props.instanceArn}`);
      }
    }
  }
}
