// Text from the config is data. In Terraform's JSON syntax every string is a template, so "${" and
// "%{" in a value would be evaluated by tofu (a tag or an email could call file() or read another
// resource). Escaped, they reach AWS as the characters they are. Names and keys never get here
// with template syntax: validation refuses it (config/aws-rules.ts).
export const escapeTemplate = (text: string): string => text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");

export const escapeTemplateValues = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).map(([key, value]) => [key, escapeTemplate(value)]));
