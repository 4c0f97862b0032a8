// jsonc-parser, loaded on first use (a TypeScript config never pays for it) and through require:
// it is a UMD module, which the CLI bundle leaves to Node, and the bundle, a script, cannot import().
import { createRequire } from "node:module";

/** jsonc-parser's API. */
export const jsoncParser = (): typeof import("jsonc-parser") => createRequire(import.meta.url)("jsonc-parser") as typeof import("jsonc-parser");
