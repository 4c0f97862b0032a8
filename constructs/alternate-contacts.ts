// Every account's alternate contacts, set through the management account:
// aws_account_alternate_contact.contacts["<account>/<SECURITY|BILLING|OPERATIONS>"]. The data is
// a variable's default (a literal, so a contact's text is never read as a template); member
// accounts are named by id, the management account's own contacts are set without one, as the
// Account API requires.
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { AlternateContactModel } from "../config-language/model.js";
import { addImportBlock, mapOfObjects, named, namedLocal, variableIterator } from "../terraform/blocks.js";
import { accountAddress, LOCALS, RESOURCE_NAMES, RESOURCE_TYPES, VARIABLES } from "../terraform/names.js";
import { MANAGEMENT_ACCOUNT_KEY } from "../terraform/keys.js";

export interface AlternateContactsProps {
  readonly contacts: AlternateContactModel[];
  readonly isImportedAccount: (name: string) => boolean;
  /** The organization: the Account API's trusted access must be on first. */
  readonly organization: ITerraformDependable;
}

export const alternateContactKey = (account: string, type: string): string => `${account}/${type}`;

export class AlternateContacts extends Construct {
  constructor(scope: Construct, id: string, props: AlternateContactsProps) {
    super(scope, id);
    if (props.contacts.length === 0) return;
    const members = [...new Set(props.contacts.map((c) => c.account).filter((a) => a !== MANAGEMENT_ACCOUNT_KEY))];
    namedLocal(this, LOCALS.contactAccountIds, Object.fromEntries(members.map((name) => [name, `\${${accountAddress(name, props.isImportedAccount(name))}.id}`])));
    const each = variableIterator(this, VARIABLES.alternateContacts, {
      type: mapOfObjects({ account: "string", type: "string", name: "string", title: "string", email: "string", phone: "string" }),
      default: Object.fromEntries(props.contacts.map((c) => [alternateContactKey(c.account, c.type), { account: c.account, type: c.type, name: c.name, title: c.title, email: c.email, phone: c.phone }])),
      description: "Alternate contacts: <account>/<type> -> who AWS contacts about security, billing or operations",
    });
    named(
      new AccountAlternateContact(this, "contacts", {
        forEach: each,
        // null for the management account: its own contacts take no account id.
        accountId: `\${lookup(local.${LOCALS.contactAccountIds}, each.value.account, null)}`,
        alternateContactType: each.getString("type"),
        name: each.getString("name"),
        title: each.getString("title"),
        emailAddress: each.getString("email"),
        phoneNumber: each.getString("phone"),
        dependsOn: [props.organization],
      }),
      RESOURCE_NAMES.alternateContacts,
    );
    // Contacts that exist already (aws-org init found them) are imported, one for_each import block for all.
    const existing = props.contacts.flatMap((c) => (c.importId === undefined ? [] : [[alternateContactKey(c.account, c.type), c.importId] as const]));
    if (existing.length > 0) {
      namedLocal(this, LOCALS.contactsToImport, Object.fromEntries(existing));
      addImportBlock(this, `${RESOURCE_TYPES.alternateContact}.${RESOURCE_NAMES.alternateContacts}[each.key]`, "${each.value}", `\${local.${LOCALS.contactsToImport}}`);
    }
  }
}
