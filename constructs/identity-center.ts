// IAM Identity Center as code: the instance, permission sets, directory groups and users, and
// account assignments, in the organization's stack so an account added to an OU gets its access
// in the same plan.
import { Construct } from "constructs";
import type { IdentityCenterModel, Tags } from "../config-language/model.js";
import { AccountAssignments } from "./account-assignments.js";
import { IdentityCenterInstance } from "./identity-center-instance.js";
import { IdentityStorePrincipals } from "./identity-store-principals.js";
import { PermissionSets } from "./permission-sets.js";

export interface IdentityCenterProps {
  readonly identityCenter: IdentityCenterModel;
  readonly defaultTags: Tags;
  readonly hasCreatedAccounts: boolean;
  readonly hasImportedAccounts: boolean;
}

export class IdentityCenter extends Construct {
  constructor(scope: Construct, id: string, props: IdentityCenterProps) {
    super(scope, id);
    const model = props.identityCenter;
    const instance = new IdentityCenterInstance(this, "instance");
    new PermissionSets(this, "permission-sets", { permissionSets: model.permissionSets, instanceArn: instance.instanceArn, defaultTags: props.defaultTags });
    new IdentityStorePrincipals(this, "principals", { groups: model.groups, users: model.users, identityStoreId: instance.identityStoreId });
    new AccountAssignments(this, "assignments", {
      assignments: model.assignments,
      instanceArn: instance.instanceArn,
      hasCreatedAccounts: props.hasCreatedAccounts,
      hasImportedAccounts: props.hasImportedAccounts,
      groups: model.groups,
      permissionSets: model.permissionSets,
    });
  }
}
