// Who gets which permission set on which account:
// aws_ssoadmin_account_assignment.assignments["<principal>/<permission set>/<account>"], one per
// account, OU targets already expanded (config-language/resolve-identity-center.ts). The data is a variable
// of names; ids come from local.account_ids, local.group_ids and local.user_ids.
import { SsoadminAccountAssignment } from "@cdktf/provider-aws/lib/ssoadmin-account-assignment/index.js";
import { Construct } from "constructs";
import type { AccountAssignmentModel } from "../config-language/model.js";
import { named, namedLocal, variableIterator } from "../terraform/blocks.js";
import { LOCALS, MANAGEMENT_ACCOUNT_KEY, ORGANIZATION_ADDRESS, RESOURCE_NAMES, RESOURCE_TYPES, VARIABLES } from "../terraform/names.js";
import { PermissionSets } from "./permission-sets.js";

export interface AccountAssignmentsProps {
  readonly assignments: AccountAssignmentModel[];
  /** HCL reference (with ${}) from IdentityCenterInstance. */
  readonly instanceArn: string;
  /** Whether the stack has accounts AWS creates (.accounts) and imported ones (.imported). */
  readonly hasCreatedAccounts: boolean;
  readonly hasImportedAccounts: boolean;
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
  }
}
