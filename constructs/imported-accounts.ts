// Accounts that existed before this project managed them: aws_organizations_account.imported,
// each brought in by an import block instead of being created.
import type { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import { Construct } from "constructs";
import { addImportBlock } from "../terraform/blocks.js";
import { accountAddress, RESOURCE_NAMES, VARIABLES } from "../terraform/names.js";
import { accountResource, type AccountsProps } from "./account-resource.js";

/**
 * Arguments AWS applies only when it creates an account and never returns on read: after an
 * import they are unknown, and without ignore_changes the first plan would replace the account.
 */
export const CREATE_ONLY_ARGUMENTS = ["role_name", "iam_user_access_to_billing", "close_on_deletion", "create_govcloud"];

/** Accounts with an id. */
export type ImportedAccountsProps = AccountsProps;

export class ImportedAccounts extends Construct {
  readonly resource: OrganizationsAccount;

  constructor(scope: Construct, id: string, props: ImportedAccountsProps) {
    super(scope, id);
    this.resource = accountResource(this, {
      ...props,
      resourceName: RESOURCE_NAMES.importedAccounts,
      variableName: VARIABLES.accountsToImport,
      description: "Accounts that existed before, by name (each adopted by an import block): email, OU path, own tags",
      lifecycle: { preventDestroy: true, ignoreChanges: CREATE_ONLY_ARGUMENTS },
    });
    for (const account of props.accounts) addImportBlock(this, accountAddress(account.name, true), account.importId!);
  }
}
