// Writes an adopted config in this project's own style: a TypeScript module around
// defineOrganization (or JSON pointing at the schema), every value a JSON literal, so nothing
// read from AWS can become code.
import { dirname, relative, resolve } from "node:path";
import type { OrganizationConfigInput } from "../config-language/schema.js";

export type ConfigFormat = "ts" | "json";

export const formatFor = (file: string): ConfigFormat => (file.endsWith(".json") ? "json" : "ts");

/** A project file's import path as seen from where the config is written. */
function importPath(outFile: string, projectRoot: string, target: string): string {
  const path = relative(dirname(resolve(outFile)), resolve(projectRoot, target)).split("\\").join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

export function renderConfig(config: OrganizationConfigInput, options: { format: ConfigFormat; outFile: string; projectRoot: string; header: string[] }): string {
  if (options.format === "json") {
    return `${JSON.stringify({ $schema: importPath(options.outFile, options.projectRoot, "config-language/organization.schema.json"), ...config }, null, 2)}\n`;
  }
  const body = JSON.stringify(config, null, 2);
  return [
    ...options.header.map((line) => `// ${line}`),
    `import { defineOrganization } from "${importPath(options.outFile, options.projectRoot, "config-language/define-organization.js")}";`,
    "",
    `export default defineOrganization(${body});`,
    "",
  ].join("\n");
}
