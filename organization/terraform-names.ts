// Small helpers that give synthesized elements the hand-written names of seed 002
// (aws_organizations_account.accounts, local.accounts_to_create, ...) instead of cdktf's
// hashed logical ids, so existing state keeps its addresses.
import { TerraformLocal, TerraformStack, type TerraformElement } from "cdktf";
import type { Construct } from "constructs";

export function named<T extends TerraformElement>(element: T, name: string): T {
  element.overrideLogicalId(name);
  return element;
}

/** A `locals` entry with a fixed name. */
export const namedLocal = (scope: Construct, name: string, value: unknown): TerraformLocal =>
  named(new TerraformLocal(scope, name, value), name);

/** `"aws_organizations_account.imported[\"dns\"]"`: an instance address of a for_each resource. */
export const instanceAddress = (resourceType: string, resourceName: string, key: string): string =>
  `${resourceType}.${resourceName}[${JSON.stringify(key)}]`;

/**
 * Appends an `import` block. cdktf's importFrom() cannot address one for_each instance, so the
 * blocks are written into the stack's JSON directly: { to = <address>, id = "<id>" }.
 */
export function addImportBlock(scope: Construct, to: string, id: string): void {
  const stack = TerraformStack.of(scope);
  const blocks = importBlocks.get(stack) ?? [];
  blocks.push({ to, id });
  importBlocks.set(stack, blocks);
  stack.addOverride("import", blocks.map((block) => ({ ...block })));
}
const importBlocks = new WeakMap<TerraformStack, { to: string; id: string }[]>();
