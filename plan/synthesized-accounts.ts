// Where each account of the synthesized stack sits: account name -> OU path ("/" = the root), read
// from the account variables. Guardrail reach and access changes both state it.
import { ROOT_KEY, VARIABLES } from "../terraform/names.js";
import { synthesizedMap, type SynthesizedStack } from "./plan-json.js";

export const synthesizedAccountOus = (stack: SynthesizedStack | undefined): Map<string, string> =>
  new Map(
    [VARIABLES.accountsToCreate, VARIABLES.accountsToImport].flatMap((name) => Object.entries(synthesizedMap(stack, name)).map(([account, entry]) => [account, entry.organizational_unit ?? ROOT_KEY] as const)),
  );
