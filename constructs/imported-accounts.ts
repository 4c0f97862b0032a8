// Accounts that existed before this project managed them: aws_organizations_account.imported,
// each brought in by an import block instead of being created.
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import type { AccountModel } from "../config/model.js";
import { ouKeyOf } from "./account-parents.js";
import { addImportBlock, named, namedLocal } from "../terraform/blocks.js";
import { accountAddress, LOCALS, RESOURCE_NAMES } from "../terraform/names.js";

/**
 * Arguments AWS applies only when it creates an account and never returns on read: after an
 * import they are unknown, and without ignore_changes the first plan would replace the account.
 */
export const CREATE_ONLY_ARGUMENTS = ["role_name", "iam_user_access_to_billing", "close_on_deletion", "create_govcloud"];

export interface ImportedAccountsProps {
  /** Accounts with an id. */
  readonly accounts: AccountModel[];
  /** parent_id for one for_each instance (from AccountParents). */
  readonly parentIdExpression: string;
}

export class ImportedAccounts extends Construct {
  readonly resource: OrganizationsAccount;

  constructor(scope: Construct, id: string, props: ImportedAccountsProps) {
    super(scope, id);
    const values = Object.fromEntries(
      props.accounts.map((account) => [
        account.name,
        { id: account.importId, email: account.email, organizational_unit: ouKeyOf(account), tags: account.tags },
      ]),
    );
    const each = TerraformIterator.fromMap(namedLocal(this, LOCALS.accountsToImport, values).asAnyMap);
    this.resource = named(
      new OrganizationsAccount(this, RESOURCE_NAMES.importedAccounts, {
        forEach: each,
        name: each.key,
        email: each.getString("email"),
        parentId: props.parentIdExpression,
        tags: each.getStringMap("tags"),
        lifecycle: { preventDestroy: true, ignoreChanges: CREATE_ONLY_ARGUMENTS },
      }),
      RESOURCE_NAMES.importedAccounts,
    );
    for (const account of props.accounts) {
      addImportBlock(this, accountAddress(account.name, true), account.importId!);
    }
  }
}
