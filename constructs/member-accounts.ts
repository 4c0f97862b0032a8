// Accounts the organization creates: aws_organizations_account.accounts["<name>"].
import type { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import { Construct } from "constructs";
import { LOCALS, RESOURCE_NAMES } from "../terraform/names.js";
import { accountResource, type AccountsProps } from "./account-resource.js";

/** Accounts without an id: AWS creates them. */
export type MemberAccountsProps = AccountsProps;

export class MemberAccounts extends Construct {
  readonly resource: OrganizationsAccount;

  constructor(scope: Construct, id: string, props: MemberAccountsProps) {
    super(scope, id);
    this.resource = accountResource(this, {
      ...props,
      resourceName: RESOURCE_NAMES.accounts,
      localName: LOCALS.accountsToCreate,
      extraValues: (account) => ({
        iam_user_access_to_billing: account.iamUserAccessToBilling,
        role_name: account.roleName,
        close_on_deletion: account.closeOnDeletion,
      }),
      extraArguments: (each) => ({
        roleName: each.getString("role_name"),
        iamUserAccessToBilling: each.getString("iam_user_access_to_billing"),
        closeOnDeletion: each.getBoolean("close_on_deletion"),
      }),
      // Closing an AWS account is not something a plan should do on its own.
      lifecycle: { preventDestroy: true },
    });
  }
}
