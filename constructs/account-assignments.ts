// Who gets which permission set on which account:
// aws_ssoadmin_account_assignment.assignments["<principal>/<permission set>/<account>"], one per
// account, OU targets already expanded (config-language/resolve-identity-center.ts). The data is a variable
// of names; ids come from local.account_ids, local.group_ids and local.user_ids.
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity/index.js";
import { DataAwsIdentitystoreGroup } from "@cdktf/provider-aws/lib/data-aws-identitystore-group/index.js";
import { DataAwsIdentitystoreUser } from "@cdktf/provider-aws/lib/data-aws-identitystore-user/index.js";
import { SsoadminAccountAssignment } from "@cdktf/provider-aws/lib/ssoadmin-account-assignment/index.js";
import { Construct } from "constructs";
import type { AccountAssignmentModel, IdentityCenterModel } from "../config-language/model.js";
import { addImportBlock, named, namedLocal, variableIterator } from "../terraform/blocks.js";
import { LOCALS, MANAGEMENT_ACCOUNT_KEY, ORGANIZATION_ADDRESS, RESOURCE_NAMES, RESOURCE_TYPES, VARIABLES } from "../terraform/names.js";
import { PermissionSets } from "./permission-sets.js";

export interface AccountAssignmentsProps {
  readonly assignments: AccountAssignmentModel[];
  /** HCL reference (with ${}) from IdentityCenterInstance. */
  readonly instanceArn: string;
  /** Whether the stack has accounts AWS creates (.accounts) and imported ones (.imported). */
  readonly hasCreatedAccounts: boolean;
  readonly hasImportedAccounts: boolean;
  /** Who the principals and permission sets are: what an existing assignment is imported by. */
  readonly groups: IdentityCenterModel["groups"];
  readonly permissionSets: IdentityCenterModel["permissionSets"];
}

export class AccountAssignments extends Construct {
  constructor(scope: Construct, id: string, props: AccountAssignmentsProps) {
    super(scope, id);
    const { assignments } = props;
    if (assignments.length === 0) return;
    const accountMaps = [
      ...(props.hasCreatedAccounts ? [`{ for name, a in ${RESOURCE_TYPES.account}.${RESOURCE_NAMES.accounts} : name => a.id }`] : []),
      ...(props.hasImportedAccounts ? [`{ for name, a in ${RESOURCE_TYPES.account}.${RESOURCE_NAMES.importedAccounts} : name => a.id }`] : []),
      ...(assignments.some((a) => a.account === MANAGEMENT_ACCOUNT_KEY) ? [`{ ${JSON.stringify(MANAGEMENT_ACCOUNT_KEY)} = ${ORGANIZATION_ADDRESS}.master_account_id }`] : []),
    ];
    namedLocal(this, LOCALS.accountIds, accountMaps.length === 1 ? `\${${accountMaps[0]}}` : `\${merge(${accountMaps.join(", ")})}`);

    const each = variableIterator(this, VARIABLES.accountAssignments, {
      type: "map(object({ principal_type = string, principal = string, permission_set = string, account = string }))",
      description: "Who gets which permission set on which account: \"<principal>/<permission set>/<account>\" (OUs expanded to their accounts)",
      default: Object.fromEntries(
        assignments.map((a) => [a.key, { principal_type: a.principalType, principal: a.principal, permission_set: a.permissionSet, account: a.account }]),
      ),
    });
    const kinds = new Set(assignments.map((a) => a.principalType));
    const principalId =
      kinds.size === 2
        ? `\${each.value.principal_type == "GROUP" ? local.${LOCALS.groupIds}[each.value.principal] : local.${LOCALS.userIds}[each.value.principal]}`
        : `\${local.${kinds.has("GROUP") ? LOCALS.groupIds : LOCALS.userIds}[each.value.principal]}`;
    named(
      new SsoadminAccountAssignment(this, RESOURCE_NAMES.accountAssignments, {
        forEach: each,
        instanceArn: props.instanceArn,
        permissionSetArn: `\${${PermissionSets.arnOf("each.value.permission_set")}}`,
        principalType: kinds.size === 2 ? each.getString("principal_type") : [...kinds][0]!,
        principalId,
        targetType: "AWS_ACCOUNT",
        targetId: `\${local.${LOCALS.accountIds}[each.value.account]}`,
      }),
      RESOURCE_NAMES.accountAssignments,
    );
    this.importExisting(props);
  }

  /**
   * Assignments that exist already are imported (one for_each import block). Every part of their
   * ids is a literal or a data source, known when the plan starts: never an attribute of a resource
   * imported in the same plan.
   */
  private importExisting(props: AccountAssignmentsProps): void {
    const existing = props.assignments.filter((a) => a.existing !== undefined);
    if (existing.length === 0) return;
    const groups = new Map(props.groups.map((g) => [g.name, g]));
    const setArns = new Map(props.permissionSets.map((p) => [p.name, p.importArn]));
    const lookedUp = (type: string, attribute: string, name: string) => `\${data.${type}.${RESOURCE_NAMES.existingPrincipals}[${JSON.stringify(name)}].${attribute}}`;
    const principalId = (a: AccountAssignmentModel): string => {
      const group = groups.get(a.principal);
      if (a.principalType === "GROUP" && group?.importId) return group.importId;
      return a.principalType === "GROUP" ? lookedUp(DataAwsIdentitystoreGroup.tfResourceType, "group_id", a.principal) : lookedUp(DataAwsIdentitystoreUser.tfResourceType, "user_id", a.principal);
    };
    // The management account is the one the stack runs as.
    if (existing.some((a) => a.existing?.accountId === undefined)) named(new DataAwsCallerIdentity(this, "management-account"), "management_account");
    const accountId = (a: AccountAssignmentModel) => a.existing?.accountId ?? "${data.aws_caller_identity.management_account.account_id}";
    namedLocal(
      this,
      LOCALS.assignmentsToImport,
      Object.fromEntries(existing.map((a) => [a.key, `${principalId(a)},${a.principalType},${accountId(a)},AWS_ACCOUNT,${setArns.get(a.permissionSet)},${props.instanceArn}`])),
    );
    addImportBlock(this, `${RESOURCE_TYPES.accountAssignment}.${RESOURCE_NAMES.accountAssignments}[each.key]`, "${each.value}", `\${local.${LOCALS.assignmentsToImport}}`);
  }
}
