// How an account's parent_id is written. When every account sits in a top-level OU, it is the
// hand-written setup's own expression, ous[each.value.organizational_unit].id. With nested OUs or accounts at
// the root, a local map from OU path ("/" = the root) to id covers every level at once.
import { Construct } from "constructs";
import type { AccountModel } from "../config-language/model.js";
import { namedLocal } from "../terraform/blocks.js";
import { LOCALS, ouResourceName, RESOURCE_TYPES, ROOT_KEY } from "../terraform/names.js";
import type { OrganizationalUnits } from "./organizational-units.js";

export interface AccountParentsProps {
  readonly accounts: AccountModel[];
  readonly units: OrganizationalUnits;
  /** HCL reference to the root's id, without ${}. */
  readonly rootIdReference: string;
}

export class AccountParents extends Construct {
  /** The parent_id expression for one for_each instance of an account resource. */
  readonly parentIdExpression: string;

  constructor(scope: Construct, id: string, props: AccountParentsProps) {
    super(scope, id);
    const allTopLevel = props.accounts.every((a) => a.organizationalUnitKey !== null && !a.organizationalUnitKey.includes("/"));
    if (allTopLevel) {
      this.parentIdExpression = `\${${RESOURCE_TYPES.organizationalUnit}.${ouResourceName(1)}[each.value.organizational_unit].id}`;
      return;
    }
    const perLevel = props.units.levels.map(
      (_, i) => `{ for key, ou in ${RESOURCE_TYPES.organizationalUnit}.${ouResourceName(i + 1)} : key => ou.id }`,
    );
    namedLocal(this, LOCALS.parentIds, `\${merge({ "${ROOT_KEY}" = ${props.rootIdReference} }, ${perLevel.join(", ")})}`);
    this.parentIdExpression = `\${local.${LOCALS.parentIds}[each.value.organizational_unit]}`;
  }
}
