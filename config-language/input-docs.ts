// The README's "Every input" table, made from the JSON Schema of the config, which zod makes from
// config-language/schema.ts: every field's type, default and rule are written once, in the schema.
import type { JSONSchema } from "zod/v4/core";

type Schema = JSONSchema.JSONSchema;

export const INPUTS_START = "<!-- inputs:start (npm run schema writes this table from config-language/schema.ts) -->";
export const INPUTS_END = "<!-- inputs:end -->";

const code = (value: unknown): string => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
/** A Markdown table cell: pipes escaped, one line. */
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function typeOf(schema: Schema): string {
  if (schema.anyOf) return schema.anyOf.map((member) => typeOf(member as Schema)).join(" or ");
  if (schema.enum) return schema.enum.map(code).join(" | ");
  if (schema.type === "array") {
    const items = (schema.items ?? {}) as Schema;
    return items.enum ? `list of ${items.enum.map(code).join(", ")}` : `list of ${typeOf(items)}`;
  }
  if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    const values = schema.additionalProperties as Schema;
    return values.type === undefined && !values.anyOf ? "object" : values.type === "string" && !values.pattern ? "map of strings" : `map of ${typeOf(values)}`;
  }
  if (schema.type === "string" && schema.pattern) return `string (\`${schema.pattern}\`)`;
  return String(schema.type ?? "any");
}

interface Row {
  field: string;
  type: string;
  default: string;
  description: string;
}

function rows(schema: Schema, prefix: string, required: Set<string>): Row[] {
  const out: Row[] = [];
  for (const [name, value] of Object.entries(schema.properties ?? {})) {
    const property = value as Schema;
    if (name === "$schema") continue;
    const field = prefix ? `${prefix}.${name}` : name;
    const items = property.type === "array" ? ((property.items ?? {}) as Schema) : undefined;
    if (property.type === "object" && property.properties) {
      out.push(...rows(property, field, new Set(property.required ?? [])));
    } else if (items?.type === "object" && items.properties) {
      out.push(...rows(items, `${field}[]`, new Set(items.required ?? [])));
    } else {
      out.push({
        field,
        type: typeOf(property),
        default: property.default !== undefined ? code(property.default) : required.has(name) ? "required" : "none",
        description: property.description ?? "",
      });
    }
  }
  return out;
}

export function inputsTable(jsonSchema: Schema): string {
  const lines = ["| field | type | default | what, and the rules |", "|---|---|---|---|"];
  for (const row of rows(jsonSchema, "", new Set(jsonSchema.required ?? []))) {
    lines.push(`| \`${row.field}\` | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`);
  }
  return lines.join("\n");
}

/** The README with the table between the markers replaced. */
export function withInputsTable(readme: string, table: string): string {
  const start = readme.indexOf(INPUTS_START);
  const end = readme.indexOf(INPUTS_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${INPUTS_START} ... ${INPUTS_END} markers`);
  return `${readme.slice(0, start + INPUTS_START.length)}\n${table}\n${readme.slice(end)}`;
}
