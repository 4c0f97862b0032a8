// What the two account resources share (aws_organizations_account.accounts for accounts AWS
// creates, .imported for accounts that existed): a locals map keyed by account name, and one
// for_each resource over it with the name, email, parent and tags of each account.
import { OrganizationsAccount, type OrganizationsAccountConfig } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import { TerraformIterator, type MapTerraformIterator, type TerraformResourceLifecycle } from "cdktf";
import type { Construct } from "constructs";
import type { AccountModel } from "../config/model.js";
import { named, namedLocal } from "../terraform/blocks.js";
import { escapeTemplate, escapeTemplateValues } from "../terraform/escape.js";
import { ROOT_KEY } from "../terraform/names.js";

/** What both account constructs are given. */
export interface AccountsProps {
  readonly accounts: AccountModel[];
  /** parent_id for one for_each instance (from AccountParents). */
  readonly parentIdExpression: string;
}

export interface AccountResourceProps extends AccountsProps {
  /** The resource's name, e.g. "accounts". */
  readonly resourceName: string;
  /** The locals map it iterates, e.g. "accounts_to_create". */
  readonly localName: string;
  /** Values of one account beyond its email, OU and tags. */
  readonly extraValues?: (account: AccountModel) => Record<string, unknown>;
  /** Arguments beyond name, email, parent_id and tags, read from each.value. */
  readonly extraArguments?: (each: MapTerraformIterator) => Partial<OrganizationsAccountConfig>;
  readonly lifecycle: TerraformResourceLifecycle;
}

export function accountResource(scope: Construct, props: AccountResourceProps): OrganizationsAccount {
  const values = Object.fromEntries(
    props.accounts.map((account) => [
      account.name,
      {
        email: escapeTemplate(account.email),
        organizational_unit: account.organizationalUnitKey ?? ROOT_KEY,
        ...props.extraValues?.(account),
        tags: escapeTemplateValues(account.tags),
      },
    ]),
  );
  const each = TerraformIterator.fromMap(namedLocal(scope, props.localName, values).asAnyMap) as MapTerraformIterator;
  return named(
    new OrganizationsAccount(scope, props.resourceName, {
      forEach: each,
      name: each.key,
      email: each.getString("email"),
      ...props.extraArguments?.(each),
      parentId: props.parentIdExpression,
      tags: each.getStringMap("tags"),
      lifecycle: props.lifecycle,
    }),
    props.resourceName,
  );
}
