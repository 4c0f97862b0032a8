// Accounts the organization creates: aws_organizations_account.accounts["<name>"].
import type { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import type { MapTerraformIterator } from "cdktf";
import { Construct } from "constructs";
import type { AccountModel } from "../config-language/model.js";
import { RESOURCE_NAMES, VARIABLES } from "../terraform/names.js";
import { accountResource, type AccountsProps } from "./account-resource.js";
import { CREATE_ONLY_ARGUMENTS } from "./imported-accounts.js";
import { ACCOUNT_CREATE_TIMEOUT } from "../limits/apply-time.js";

/** What an import cannot read back, among the arguments this resource sets (close_on_deletion is the provider's own and stays managed). */
const ADOPTION_UNKNOWN_ARGUMENTS = CREATE_ONLY_ARGUMENTS.filter((argument) => argument === "role_name" || argument === "iam_user_access_to_billing");

/** Accounts without an id: AWS creates them. */
export type MemberAccountsProps = AccountsProps;

/** The create-only settings: a literal in the resource when every account has the same, else per account. */
const SETTINGS = [
  { field: "role_name", type: "string", argument: "roleName", of: (a: AccountModel) => a.roleName },
  { field: "iam_user_access_to_billing", type: "string", argument: "iamUserAccessToBilling", of: (a: AccountModel) => a.iamUserAccessToBilling },
  { field: "close_on_deletion", type: "bool", argument: "closeOnDeletion", of: (a: AccountModel) => a.closeOnDeletion },
] as const;

export class MemberAccounts extends Construct {
  readonly resource: OrganizationsAccount;

  constructor(scope: Construct, id: string, props: MemberAccountsProps) {
    super(scope, id);
    const first = props.accounts[0];
    const shared = SETTINGS.filter((s) => first === undefined || props.accounts.every((a) => s.of(a) === s.of(first)));
    const varying = SETTINGS.filter((s) => !shared.includes(s));
    this.resource = accountResource(this, {
      ...props,
      resourceName: RESOURCE_NAMES.accounts,
      variableName: VARIABLES.accountsToCreate,
      description: "Accounts AWS creates, by name: email, OU path (\"/\" = the root), own tags",
      extraValues: {
        types: Object.fromEntries(varying.map((s) => [s.field, s.type])),
        of: (account) => Object.fromEntries(varying.map((s) => [s.field, s.of(account)])),
      },
      extraArguments: (each: MapTerraformIterator) => ({
        // Defaults when there is no account yet: the hand-written setup's values.
        roleName: shared.some((s) => s.field === "role_name") ? (first?.roleName ?? "OrganizationAccountAccessRole") : each.getString("role_name"),
        iamUserAccessToBilling: shared.some((s) => s.field === "iam_user_access_to_billing") ? (first?.iamUserAccessToBilling ?? "DENY") : each.getString("iam_user_access_to_billing"),
        closeOnDeletion: shared.some((s) => s.field === "close_on_deletion") ? (first?.closeOnDeletion ?? false) : each.getBoolean("close_on_deletion"),
        // AWS creates an account in minutes, five at a time: a generous bound, so only a stuck creation fails.
        timeouts: { create: ACCOUNT_CREATE_TIMEOUT },
      }),
      // Closing an AWS account is not something a plan should do on its own. The two settings AWS
      // takes only at creation and never returns: an account this resource adopts after an apply
      // that was cut off (adopt/orphaned-accounts.ts) has them unknown, which would plan a replacement.
      lifecycle: { preventDestroy: true, ignoreChanges: ADOPTION_UNKNOWN_ARGUMENTS },
    });
  }
}
