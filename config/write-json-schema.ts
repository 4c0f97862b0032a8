// npm run schema: writes config/organization.schema.json from the zod schema, so a JSON config
// ("$schema": "./organization.schema.json") gets completion and checks in editors.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { organizationConfigSchema } from "./schema.js";

export const JSON_SCHEMA_FILE = fileURLToPath(new URL("./organization.schema.json", import.meta.url));

export const organizationJsonSchema = (): string =>
  `${JSON.stringify({ title: "aws-org-cdktf organization config", ...z.toJSONSchema(organizationConfigSchema, { io: "input" }) }, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(JSON_SCHEMA_FILE, organizationJsonSchema());
  process.stdout.write(`${JSON_SCHEMA_FILE}\n`);
}
