// Small helpers that give synthesized elements the names of the hand-written OpenTofu setup
// (aws_organizations_account.accounts, local.accounts_to_create, ...) instead of cdktf's hashed
// logical ids, so existing state keeps its addresses; and the import and moved blocks cdktf
// cannot write for one for_each instance.
import { TerraformIterator, TerraformLocal, TerraformStack, TerraformVariable, type MapTerraformIterator, type TerraformElement } from "cdktf";
import type { Construct } from "constructs";

export function named<T extends TerraformElement>(element: T, name: string): T {
  element.overrideLogicalId(name);
  return element;
}

/** A `locals` entry with a fixed name. */
export const namedLocal = (scope: Construct, name: string, value: unknown): TerraformLocal =>
  // The construct id differs from the name, which a resource in the same scope may carry too.
  named(new TerraformLocal(scope, `local.${name}`, value), name);


/** A `variable` with a fixed name, its default the data (a literal: tofu evaluates nothing in it). */
export function namedVariable(scope: Construct, name: string, config: { type: string; default: unknown; description: string }): TerraformVariable {
  const variable = named(new TerraformVariable(scope, `variable.${name}`, { type: config.type, description: config.description }), name);
  // Written through an override: cdktf would turn the default's keys (account names, tag keys) into snake_case.
  variable.addOverride("default", config.default);
  return variable;
}

/** A variable holding a map, and the for_each iterator over it: `for_each = var.<name>`. */
export const variableIterator = (scope: Construct, name: string, config: { type: string; default: unknown; description: string }): MapTerraformIterator =>
  TerraformIterator.fromMap(namedVariable(scope, name, config).value) as MapTerraformIterator;

/** `map(object({ a = string, b = bool }))` from field name -> HCL type. */
export const mapOfObjects = (fields: Record<string, string>): string => `map(object({ ${Object.entries(fields).map(([name, type]) => `${name} = ${type}`).join(", ")} }))`;

type StackBlock = { to: string; id: string; for_each?: string } | { from: string; to: string };
const stackBlocks = new WeakMap<TerraformStack, Map<string, StackBlock[]>>();

/** Appends a top-level block (import, moved) that cdktf cannot write for a for_each instance. */
function addStackBlock(scope: Construct, kind: "import" | "moved", block: StackBlock): void {
  const stack = TerraformStack.of(scope);
  const kinds = stackBlocks.get(stack) ?? new Map<string, StackBlock[]>();
  const blocks = [...(kinds.get(kind) ?? []), block];
  kinds.set(kind, blocks);
  stackBlocks.set(stack, kinds);
  stack.addOverride(kind, blocks.map((b) => ({ ...b })));
}

/**
 * Appends an `import` block. cdktf's importFrom() cannot address one for_each instance, so the
 * blocks are written into the stack's JSON directly: { to = <address>, id = "<id>" }.
 */
export const addImportBlock = (scope: Construct, to: string, id: string, forEach?: string): void =>
  addStackBlock(scope, "import", forEach === undefined ? { to, id } : { for_each: forEach, to, id });

/** Appends a `moved` block: the object at `from` now lives at `to`, nothing is replaced. */
export const addMovedBlock = (scope: Construct, from: string, to: string): void => addStackBlock(scope, "moved", { from, to });
