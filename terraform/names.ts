// Every Terraform name this project writes or reads, defined once: resource types (from the
// provider bindings), resource and locals names (the hand-written OpenTofu setup's), and the key
// that stands for the organization root. Constructs write them; the diagram, the guard, the
// fixture generator and the tests read them.
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization/index.js";
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit/index.js";

export const RESOURCE_TYPES = {
  organization: OrganizationsOrganization.tfResourceType,
  organizationalUnit: OrganizationsOrganizationalUnit.tfResourceType,
  account: OrganizationsAccount.tfResourceType,
} as const;

export const RESOURCE_NAMES = {
  organization: "org",
  /** Accounts AWS creates. */
  accounts: "accounts",
  /** Accounts that existed before, each brought in by an import block. */
  importedAccounts: "imported",
} as const;

/** "ous" for the OUs under the root, "ous_level_2" and deeper for nested ones. */
export const ouResourceName = (depth: number): string => (depth === 1 ? "ous" : `ous_level_${depth}`);

export const LOCALS = {
  accountsToCreate: "accounts_to_create",
  accountsToImport: "accounts_to_import",
  /** OU path ("/" = the root) -> id, when accounts sit at the root or in nested OUs. */
  parentIds: "parent_ids",
} as const;

/** The locals map of the OUs at one nesting level. */
export const ouLocalName = (depth: number): string => (depth === 1 ? "organizational_units" : `organizational_units_level_${depth}`);

/** The value of organizational_unit in an account's for_each entry when it sits at the root. */
export const ROOT_KEY = "/";

/** `aws_organizations_account.imported["dns"]`: an instance address of a for_each resource. */
export const instanceAddress = (resourceType: string, resourceName: string, key: string): string =>
  `${resourceType}.${resourceName}[${JSON.stringify(key)}]`;

export const ORGANIZATION_ADDRESS = `${RESOURCE_TYPES.organization}.${RESOURCE_NAMES.organization}`;
/** HCL reference to the root's id (r-...): the parent of top-level OUs and root accounts. */
export const ROOT_ID_REFERENCE = `${ORGANIZATION_ADDRESS}.roots[0].id`;

export const ouAddress = (key: string, depth = key.split("/").length): string => instanceAddress(RESOURCE_TYPES.organizationalUnit, ouResourceName(depth), key);
export const accountAddress = (name: string, imported = false): string =>
  instanceAddress(RESOURCE_TYPES.account, imported ? RESOURCE_NAMES.importedAccounts : RESOURCE_NAMES.accounts, name);
