// npm run schema: writes config-language/organization.schema.json from the zod schema, so a JSON config
// ("$schema": "./organization.schema.json") gets completion and checks in editors, and the
// README's "Every input" table from the same JSON Schema. A test keeps both current.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { inputsTable, withInputsTable } from "./input-docs.js";
import { organizationConfigSchema } from "./schema.js";

export const JSON_SCHEMA_FILE = fileURLToPath(new URL("./organization.schema.json", import.meta.url));
export const README_FILE = fileURLToPath(new URL("../README.md", import.meta.url));

export const organizationJsonSchemaObject = () => ({ title: "aws-org-cdktf organization config", ...z.toJSONSchema(organizationConfigSchema, { io: "input" }) });

export const organizationJsonSchema = (): string => `${JSON.stringify(organizationJsonSchemaObject(), null, 2)}\n`;

export const readmeWithInputs = (readme: string): string => withInputsTable(readme, inputsTable(organizationJsonSchemaObject()));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(JSON_SCHEMA_FILE, organizationJsonSchema());
  writeFileSync(README_FILE, readmeWithInputs(readFileSync(README_FILE, "utf8")));
  process.stdout.write(`${JSON_SCHEMA_FILE}\n${README_FILE} (Every input)\n`);
}
