// Who can be given access: groups and users of the Identity Center directory.
// aws_identitystore_group.groups["<name>"], aws_identitystore_user.users["<user name>"],
// aws_identitystore_group_membership.memberships["<group>/<user name>"]; groups and users that come
// from an identity provider are looked up by name (data ... .existing), never created. Their ids
// meet in local.group_ids and local.user_ids, where assignments find them.
import { DataAwsIdentitystoreGroup } from "@cdktf/provider-aws/lib/data-aws-identitystore-group/index.js";
import { DataAwsIdentitystoreUser } from "@cdktf/provider-aws/lib/data-aws-identitystore-user/index.js";
import { IdentitystoreGroup } from "@cdktf/provider-aws/lib/identitystore-group/index.js";
import { IdentitystoreGroupMembership } from "@cdktf/provider-aws/lib/identitystore-group-membership/index.js";
import { IdentitystoreUser } from "@cdktf/provider-aws/lib/identitystore-user/index.js";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import type { IdentityGroupModel, IdentityUserModel } from "../config-language/model.js";
import { addImportBlock, named, namedLocal, variableIterator } from "../terraform/blocks.js";
import { groupAddress, LOCALS, RESOURCE_NAMES, RESOURCE_TYPES, VARIABLES } from "../terraform/names.js";

export interface IdentityStorePrincipalsProps {
  readonly groups: IdentityGroupModel[];
  readonly users: IdentityUserModel[];
  /** HCL reference (with ${}) from IdentityCenterInstance. */
  readonly identityStoreId: string;
}

/** `{ for k, g in <source> : k => g.<id> }` for each source that exists, merged. */
const idMap = (sources: string[], idField: string): string =>
  sources.length === 1 ? `\${{ for name, p in ${sources[0]} : name => p.${idField} }}` : `\${merge(${sources.map((s) => `{ for name, p in ${s} : name => p.${idField} }`).join(", ")})}`;

export class IdentityStorePrincipals extends Construct {
  constructor(scope: Construct, id: string, props: IdentityStorePrincipalsProps) {
    super(scope, id);
    const managedGroups = props.groups.filter((g) => !g.existing);
    const existingGroups = props.groups.filter((g) => g.existing).map((g) => g.name);
    const managedUsers = props.users.filter((u) => !u.existing);
    const existingUsers = props.users.filter((u) => u.existing).map((u) => u.userName);

    const groupSources: string[] = [];
    if (managedGroups.length > 0) {
      const withDescription = managedGroups.some((g) => g.description !== undefined);
      const each = variableIterator(this, VARIABLES.groups, {
        type: withDescription ? "map(object({ description = string }))" : "map(object({}))",
        description: "Groups of the Identity Center directory, by display name",
        default: Object.fromEntries(managedGroups.map((g) => [g.name, withDescription ? { description: g.description ?? null } : {}])),
      });
      named(
        new IdentitystoreGroup(this, RESOURCE_NAMES.groups, {
          forEach: each,
          identityStoreId: props.identityStoreId,
          displayName: each.key,
          ...(withDescription ? { description: each.getString("description") } : {}),
        }),
        RESOURCE_NAMES.groups,
      );
      for (const group of managedGroups) if (group.importId) addImportBlock(this, groupAddress(group.name), `${props.identityStoreId}/${group.importId}`);
      groupSources.push(`${RESOURCE_TYPES.group}.${RESOURCE_NAMES.groups}`);
    }
    if (existingGroups.length > 0) {
      const each = TerraformIterator.fromList(existingGroups);
      named(
        new DataAwsIdentitystoreGroup(this, "existing-groups", {
          forEach: each,
          identityStoreId: props.identityStoreId,
          alternateIdentifier: { uniqueAttribute: { attributePath: "DisplayName", attributeValue: each.value } },
        }),
        RESOURCE_NAMES.existingPrincipals,
      );
      groupSources.push(`data.${DataAwsIdentitystoreGroup.tfResourceType}.${RESOURCE_NAMES.existingPrincipals}`);
    }
    if (groupSources.length > 0) namedLocal(this, LOCALS.groupIds, idMap(groupSources, "group_id"));

    const userSources: string[] = [];
    if (managedUsers.length > 0) {
      const each = variableIterator(this, VARIABLES.users, {
        type: "map(object({ display_name = string, given_name = string, family_name = string, email = string }))",
        description: "Users of the Identity Center directory, by user name",
        default: Object.fromEntries(
          managedUsers.map((u) => [u.userName, { display_name: u.displayName, given_name: u.givenName, family_name: u.familyName, email: u.email ?? null }]),
        ),
      });
      named(
        new IdentitystoreUser(this, RESOURCE_NAMES.users, {
          forEach: each,
          identityStoreId: props.identityStoreId,
          userName: each.key,
          displayName: each.getString("display_name"),
          name: { givenName: each.getString("given_name"), familyName: each.getString("family_name") },
          emails: { value: each.getString("email"), primary: true },
        }),
        RESOURCE_NAMES.users,
      );
      userSources.push(`${RESOURCE_TYPES.user}.${RESOURCE_NAMES.users}`);

      const memberships = managedUsers.flatMap((u) => u.groups.map((group) => [`${group}/${u.userName}`, { group, user: u.userName }] as const));
      if (memberships.length > 0) {
        const eachMember = variableIterator(this, VARIABLES.groupMemberships, {
          type: "map(object({ group = string, user = string }))",
          description: "Group memberships: \"<group>/<user name>\"",
          default: Object.fromEntries(memberships),
        });
        named(
          new IdentitystoreGroupMembership(this, RESOURCE_NAMES.groupMemberships, {
            forEach: eachMember,
            identityStoreId: props.identityStoreId,
            groupId: `\${${RESOURCE_TYPES.group}.${RESOURCE_NAMES.groups}[each.value.group].group_id}`,
            memberId: `\${${RESOURCE_TYPES.user}.${RESOURCE_NAMES.users}[each.value.user].user_id}`,
          }),
          RESOURCE_NAMES.groupMemberships,
        );
      }
    }
    if (existingUsers.length > 0) {
      const each = TerraformIterator.fromList(existingUsers);
      named(
        new DataAwsIdentitystoreUser(this, "existing-users", {
          forEach: each,
          identityStoreId: props.identityStoreId,
          alternateIdentifier: { uniqueAttribute: { attributePath: "UserName", attributeValue: each.value } },
        }),
        RESOURCE_NAMES.existingPrincipals,
      );
      userSources.push(`data.${DataAwsIdentitystoreUser.tfResourceType}.${RESOURCE_NAMES.existingPrincipals}`);
    }
    if (userSources.length > 0) namedLocal(this, LOCALS.userIds, idMap(userSources, "user_id"));
  }
}
