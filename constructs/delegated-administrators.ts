// Accounts that administer an AWS service for the whole organization:
// aws_organizations_delegated_administrator.delegated["<account>/<service principal>"].
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator/index.js";
import { TerraformIterator, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { DelegatedAdministratorModel } from "../config-language/model.js";
import { named, namedLocal } from "../terraform/blocks.js";
import { accountAddress, delegatedAdministratorKey, LOCALS, RESOURCE_NAMES } from "../terraform/names.js";

export interface DelegatedAdministratorsProps {
  readonly delegatedAdministrators: DelegatedAdministratorModel[];
  readonly isImportedAccount: (name: string) => boolean;
  /** The organization: the service's trusted access must be enabled first. */
  readonly organization: ITerraformDependable;
}

export class DelegatedAdministrators extends Construct {
  readonly resource?: OrganizationsDelegatedAdministrator;

  constructor(scope: Construct, id: string, props: DelegatedAdministratorsProps) {
    super(scope, id);
    if (props.delegatedAdministrators.length === 0) return;
    const values = Object.fromEntries(
      props.delegatedAdministrators.map(({ account, servicePrincipal }) => [
        delegatedAdministratorKey(account, servicePrincipal),
        { account_id: `\${${accountAddress(account, props.isImportedAccount(account))}.id}`, service_principal: servicePrincipal },
      ]),
    );
    const each = TerraformIterator.fromMap(namedLocal(this, LOCALS.delegatedAdministrators, values).asAnyMap);
    this.resource = named(
      new OrganizationsDelegatedAdministrator(this, RESOURCE_NAMES.delegatedAdministrators, {
        forEach: each,
        accountId: each.getString("account_id"),
        servicePrincipal: each.getString("service_principal"),
        dependsOn: [props.organization],
      }),
      RESOURCE_NAMES.delegatedAdministrators,
    );
  }
}
