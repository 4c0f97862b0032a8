// What the two account resources share (aws_organizations_account.accounts for accounts AWS
// creates, .imported for accounts that existed): a variable keyed by account name holding what
// varies per account (email, OU, own tags if any has some), and one for_each resource over it.
import { OrganizationsAccount, type OrganizationsAccountConfig } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import type { MapTerraformIterator, TerraformResourceLifecycle } from "cdktf";
import type { Construct } from "constructs";
import { ownTags, type AccountModel, type Tags } from "../config-language/model.js";
import { mapOfObjects, named, variableIterator } from "../terraform/blocks.js";
import { mergedTagsExpression, ROOT_KEY } from "../terraform/names.js";

/** What both account constructs are given. */
export interface AccountsProps {
  readonly accounts: AccountModel[];
  /** parent_id for one for_each instance (from AccountParents). */
  readonly parentIdExpression: string;
  /** Tags every account gets (var.default_tags): each entry holds only its own. */
  readonly defaultTags: Tags;
  /** Whether each account is tagged Name = its name. */
  readonly nameTags: boolean;
}

export interface AccountResourceProps extends AccountsProps {
  /** The resource's name, e.g. "accounts". */
  readonly resourceName: string;
  /** The variable it iterates, e.g. "accounts_to_create". */
  readonly variableName: string;
  readonly description: string;
  /** Values of one account beyond its email, OU and tags, with their HCL types. */
  readonly extraValues?: { types: Record<string, string>; of: (account: AccountModel) => Record<string, unknown> };
  /** Arguments beyond name, email, parent_id and tags. */
  readonly extraArguments?: (each: MapTerraformIterator) => Partial<OrganizationsAccountConfig>;
  readonly lifecycle: TerraformResourceLifecycle;
}

export function accountResource(scope: Construct, props: AccountResourceProps): OrganizationsAccount {
  const own = new Map(props.accounts.map((account) => [account.name, ownTags(account.tags, props.defaultTags, account.name, props.nameTags)]));
  // Only what varies per account: no tags field when no account has tags of its own.
  const withOwnTags = [...own.values()].some((tags) => Object.keys(tags).length > 0);
  const values = Object.fromEntries(
    props.accounts.map((account) => [
      account.name,
      {
        email: account.email,
        organizational_unit: account.organizationalUnitKey ?? ROOT_KEY,
        ...props.extraValues?.of(account),
        ...(withOwnTags ? { tags: own.get(account.name) } : {}),
      },
    ]),
  );
  const fields = { email: "string", organizational_unit: "string", ...props.extraValues?.types, ...(withOwnTags ? { tags: "map(string)" } : {}) };
  const each = variableIterator(scope, props.variableName, { type: mapOfObjects(fields), default: values, description: props.description });
  return named(
    new OrganizationsAccount(scope, props.resourceName, {
      forEach: each,
      name: each.key,
      email: each.getString("email"),
      ...props.extraArguments?.(each),
      parentId: props.parentIdExpression,
      tags: mergedTagsExpression(props.nameTags ? "each.key" : undefined, withOwnTags) as unknown as Record<string, string>,
      lifecycle: props.lifecycle,
    }),
    props.resourceName,
  );
}
