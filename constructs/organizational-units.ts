// The OUs: one for_each resource per nesting level, because a resource cannot depend on
// itself. Level 1 is aws_organizations_organizational_unit.ous["<name>"] (the hand-written setup's address);
// level n is ...ous_level_<n>["<path>"], its parent looked up in level n-1.
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit/index.js";
import { Construct } from "constructs";
import { ownTags, type OrganizationalUnitModel, type Tags } from "../config-language/model.js";
import { addImportBlock, addMovedBlock, named, variableIterator } from "../terraform/blocks.js";
import { mergedTagsExpression, ouAddress, ouResourceName, ouVariableName, RESOURCE_TYPES } from "../terraform/names.js";

export interface OrganizationalUnitsProps {
  /** Every OU, parents before children. */
  readonly units: OrganizationalUnitModel[];
  /** HCL reference to the organization root's id (no ${}): the parent of level-1 OUs. */
  readonly rootIdReference: string;
  /** Tags every OU gets (var.default_tags): each OU's variable entry holds only its own. */
  readonly defaultTags: Tags;
  /** Whether each OU is tagged Name = its name. */
  readonly nameTags: boolean;
}

export class OrganizationalUnits extends Construct {
  /** One resource per level, index 0 = level 1. */
  readonly levels: OrganizationsOrganizationalUnit[] = [];

  constructor(scope: Construct, id: string, props: OrganizationalUnitsProps) {
    super(scope, id);
    const depths = [...new Set(props.units.map((unit) => unit.depth))].sort((a, b) => a - b);
    // Level 1 always exists (possibly empty) so that the hand-written setup's address is stable.
    if (!depths.includes(1)) depths.unshift(1);

    for (const depth of depths) {
      const units = props.units.filter((unit) => unit.depth === depth);
      const own = units.map((unit) => ownTags(unit.tags, props.defaultTags, unit.name, props.nameTags));
      // Only what varies per OU: no tags field when no OU of this level has tags of its own.
      const withOwnTags = own.some((tags) => Object.keys(tags).length > 0);
      const values = Object.fromEntries(
        units.map((unit, i) => {
          const tags = withOwnTags ? { tags: own[i] } : {};
          return [unit.key, depth === 1 ? tags : { name: unit.name, parent: unit.parentKey, ...tags }];
        }),
      );
      const tagsType = withOwnTags ? ", tags = map(string)" : "";
      const each = variableIterator(this, ouVariableName(depth), {
        type: depth === 1 ? (withOwnTags ? "map(object({ tags = map(string) }))" : "map(object({}))") : `map(object({ name = string, parent = string${tagsType} }))`,
        default: values,
        description: depth === 1 ? "OUs under the root, by name (with their own tags, if any has some)" : `OUs at level ${depth}, by path: name, parent path (and own tags, if any has some)`,
      });
      const parentLevel = this.levels[depth - 2];
      const resource = new OrganizationsOrganizationalUnit(this, ouResourceName(depth), {
        forEach: each,
        name: depth === 1 ? each.key : each.getString("name"),
        parentId:
          depth === 1 || parentLevel === undefined
            ? `\${${props.rootIdReference}}`
            : `\${${RESOURCE_TYPES.organizationalUnit}.${ouResourceName(depth - 1)}[each.value.parent].id}`,
        tags: mergedTagsExpression(props.nameTags ? (depth === 1 ? "each.key" : "each.value.name") : undefined, withOwnTags) as unknown as Record<string, string>,
      });
      this.levels.push(named(resource, ouResourceName(depth)));
      // An OU that exists already is adopted into its instance by an import block.
      for (const unit of units) if (unit.importId !== undefined) addImportBlock(this, ouAddress(unit.key, depth), unit.importId);
      // A renamed OU (or one under a renamed OU) keeps its AWS object: moved, then updated in place.
      for (const unit of units) {
        if (unit.previousKey === undefined) continue;
        addMovedBlock(this, ouAddress(unit.previousKey, depth), ouAddress(unit.key, depth));
      }
    }
  }
}
