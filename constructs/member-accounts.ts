// Accounts the organization creates: aws_organizations_account.accounts["<name>"].
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import type { AccountModel } from "../config/model.js";
import { ouKeyOf } from "./account-parents.js";
import { named, namedLocal } from "../terraform/blocks.js";
import { LOCALS, RESOURCE_NAMES } from "../terraform/names.js";

export interface MemberAccountsProps {
  /** Accounts without an id: AWS creates them. */
  readonly accounts: AccountModel[];
  /** parent_id for one for_each instance (from AccountParents). */
  readonly parentIdExpression: string;
}

export class MemberAccounts extends Construct {
  readonly resource: OrganizationsAccount;

  constructor(scope: Construct, id: string, props: MemberAccountsProps) {
    super(scope, id);
    const values = Object.fromEntries(
      props.accounts.map((account) => [
        account.name,
        {
          email: account.email,
          organizational_unit: ouKeyOf(account),
          iam_user_access_to_billing: account.iamUserAccessToBilling,
          role_name: account.roleName,
          close_on_deletion: account.closeOnDeletion,
          tags: account.tags,
        },
      ]),
    );
    const each = TerraformIterator.fromMap(namedLocal(this, LOCALS.accountsToCreate, values).asAnyMap);
    this.resource = named(
      new OrganizationsAccount(this, RESOURCE_NAMES.accounts, {
        forEach: each,
        name: each.key,
        email: each.getString("email"),
        roleName: each.getString("role_name"),
        iamUserAccessToBilling: each.getString("iam_user_access_to_billing"),
        closeOnDeletion: each.getBoolean("close_on_deletion"),
        parentId: props.parentIdExpression,
        tags: each.getStringMap("tags"),
        // Closing an AWS account is not something a plan should do on its own.
        lifecycle: { preventDestroy: true },
      }),
      RESOURCE_NAMES.accounts,
    );
  }
}
