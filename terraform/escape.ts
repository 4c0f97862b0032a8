// Text from the config is data. In Terraform's JSON syntax every string is a template, so "${" and
// "%{" in a value would be evaluated by tofu (a tag or an email could call file() or read another
// resource). Escaped, they reach AWS as the characters they are. Names and keys never get here
// with template syntax: validation refuses it (config-language/aws-rules.ts).
export const escapeTemplate = (text: string): string => text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");

export const escapeTemplateValues = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).map(([key, value]) => [key, escapeTemplate(value)]));

/** A JSON document (a policy) with every string in it, keys included, escaped as data. */
export function escapeTemplateJson(value: unknown): unknown {
  if (typeof value === "string") return escapeTemplate(value);
  if (Array.isArray(value)) return value.map(escapeTemplateJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [escapeTemplate(key), escapeTemplateJson(inner)]));
  }
  return value;
}
