// What AWS Organizations accepts as a policy, checked before anything is built: the grammar of
// each policy type, the size AWS counts, and how many policies of a type one target may carry.
// Sources: the Organizations quotas page ("Maximum size of a policy document", "Maximum number of
// policies attached to a root, OU or account"), the SCP/RCP syntax pages and the management policy
// syntax page (tag, backup, AI opt-out, chatbot, declarative and Security Hub policies).
/** Every policy type AWS Organizations can enable on a root; all of them need feature set ALL. */
export const POLICY_TYPES = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
  "TAG_POLICY",
  "BACKUP_POLICY",
  "AISERVICES_OPT_OUT_POLICY",
  "CHATBOT_POLICY",
  "DECLARATIVE_POLICY_EC2",
  "SECURITYHUB_POLICY",
] as const;

export type PolicyType = (typeof POLICY_TYPES)[number];

export interface PolicyTypeLimits {
  /** How the tree and the plan comment name the type. */
  label: string;
  /** Characters of the document as sent to AWS (see policyContentSize). */
  maxSize: number;
  /** Policies of this type attached to one root, OU or account, AWS's own default policy included. */
  maxPerTarget: number;
  /** Policies of this type in one organization (the quotas page: "Number of policies of each type in an organization"). */
  maxPerOrganization: number;
  /** Policies AWS attaches to every target by itself (and this project never detaches). */
  awsDefaultPolicy?: string;
  /** For management policies: the one top-level key the document holds. */
  topLevelKey?: string;
}

/** One table for every type: the quotas page's figures. */
export const POLICY_TYPE_LIMITS: Record<PolicyType, PolicyTypeLimits> = {
  SERVICE_CONTROL_POLICY: { label: "SCP", maxSize: 5_120, maxPerTarget: 5, maxPerOrganization: 10_000, awsDefaultPolicy: "FullAWSAccess" },
  RESOURCE_CONTROL_POLICY: { label: "RCP", maxSize: 5_120, maxPerTarget: 5, maxPerOrganization: 1_000, awsDefaultPolicy: "RCPFullAWSAccess" },
  TAG_POLICY: { label: "tag policy", maxSize: 10_000, maxPerTarget: 10, maxPerOrganization: 1_000, topLevelKey: "tags" },
  BACKUP_POLICY: { label: "backup policy", maxSize: 10_000, maxPerTarget: 10, maxPerOrganization: 1_000, topLevelKey: "plans" },
  AISERVICES_OPT_OUT_POLICY: { label: "AI opt-out policy", maxSize: 2_500, maxPerTarget: 5, maxPerOrganization: 1_000, topLevelKey: "services" },
  CHATBOT_POLICY: { label: "chatbot policy", maxSize: 10_000, maxPerTarget: 5, maxPerOrganization: 1_000, topLevelKey: "chatbot" },
  DECLARATIVE_POLICY_EC2: { label: "declarative policy", maxSize: 10_000, maxPerTarget: 10, maxPerOrganization: 1_000, topLevelKey: "ec2_attributes" },
  SECURITYHUB_POLICY: { label: "Security Hub policy", maxSize: 10_000, maxPerTarget: 5, maxPerOrganization: 1_000, topLevelKey: "securityhub" },
};

/** How many policies of a type the config itself may attach to one target. */
export const ownPoliciesPerTarget = (type: PolicyType): number =>
  POLICY_TYPE_LIMITS[type].maxPerTarget - (POLICY_TYPE_LIMITS[type].awsDefaultPolicy ? 1 : 0);

/** AWS's own policies: they exist in every organization, cannot be changed, and are never managed here. */
export const AWS_MANAGED_POLICY_NAMES = new Set(Object.values(POLICY_TYPE_LIMITS).flatMap((l) => (l.awsDefaultPolicy ? [l.awsDefaultPolicy] : [])));
export const AWS_MANAGED_POLICY_IDS = new Set(["p-FullAWSAccess", "p-RCPFullAWSAccess"]);

/** PolicyId: "p-" and 8-128 letters, digits or underscores (AWS's own are p-FullAWSAccess, ...). */
export const POLICY_ID_PATTERN = /^p-[0-9a-zA-Z_]{8,128}$/;
export const MAX_POLICY_NAME = 128;
export const MAX_POLICY_DESCRIPTION = 512;

/** Object keys in sorted order at every level: tofu's jsonencode() writes them so. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/**
 * The document exactly as AWS receives it: tofu's jsonencode() of the config's object, which
 * writes no whitespace, sorts keys, and escapes <, > and & as \u003c, \u003e, \u0026 (Go's JSON
 * encoder does). AWS counts every character of what it is sent through the API (only the console
 * strips whitespace first), so this string's length is the size the quota applies to.
 */
export function policyDocumentAsSent(content: unknown): string {
  return JSON.stringify(sortedKeys(content)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export const policyContentSize = (content: unknown): number => policyDocumentAsSent(content).length;

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);
const asList = (value: Json): Json[] => (Array.isArray(value) ? value : [value]);

/** An identity policy may still say the old "2008-10-17"; the SCP and RCP syntax pages: "Every SCP/RCP must include a Version element with the value 2012-10-17". */
const VERSIONS: Record<AuthorizationKind, string[]> = { IDENTITY_POLICY: ["2012-10-17", "2008-10-17"], SERVICE_CONTROL_POLICY: ["2012-10-17"], RESOURCE_CONTROL_POLICY: ["2012-10-17"] };

/** The partitions ARNs name (the IAM identifiers page: "aws", "aws-cn", "aws-us-gov", and the isolated and sovereign ones). */
const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);
/** A policy variable (IAM's policy variables page): "${aws:username}", "${s3:prefix}", and the escapes "${*}", "${?}", "${$}". */
const POLICY_VARIABLE = /^\$\{([A-Za-z0-9-]+:[A-Za-z0-9_.:/-]+|[*?$])\}$/;

/** Why a Resource / NotResource entry is not "*" or an ARN (IAM's Resource element page), or undefined when it is. */
function resourceProblem(resource: unknown): string | undefined {
  if (typeof resource !== "string" || resource === "") return `must be "*" or an ARN`;
  if (resource === "*") return undefined;
  // "${PARTITION}", "${ACCOUNT_ID}": a template's placeholder left unfilled, which AWS would take as literal text.
  const placeholder = [...resource.matchAll(/\$\{[^}]*\}/g)].map((m) => m[0]).find((token) => !POLICY_VARIABLE.test(token));
  if (placeholder) return `${JSON.stringify(resource)} holds ${placeholder}, a placeholder left unfilled (not a policy variable such as \${aws:username}): put in its value`;
  const parts = resource.split(":");
  if (parts[0] !== "arn" || parts.length < 6) return `${JSON.stringify(resource)} is not "*" or an ARN (arn:partition:service:region:account:resource)`;
  const partition = parts[1]!;
  if (!PARTITIONS.has(partition) && partition !== "*" && !POLICY_VARIABLE.test(partition)) {
    return `${JSON.stringify(resource)} names partition "${partition}": AWS's are ${[...PARTITIONS].join(", ")}`;
  }
  if (parts[2] === "") return `${JSON.stringify(resource)} names no service: arn:partition:service:region:account:resource`;
  return undefined;
}
/** "*", "s3:GetObject", "ec2:Describe*": a service prefix, a colon, an action (wildcards allowed). */
const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
/** SCPs, RCPs and identity policies (a permission set's inline policy): the authorization grammar. */
type AuthorizationKind = "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY" | "IDENTITY_POLICY";
const AUTHORIZATION_KEYS: Record<AuthorizationKind, Set<string>> = {
  IDENTITY_POLICY: new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]),
  SERVICE_CONTROL_POLICY: new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]),
  // The RCP syntax page's elements table: no NotAction, no NotPrincipal.
  RESOURCE_CONTROL_POLICY: new Set(["Sid", "Effect", "Principal", "Action", "Resource", "NotResource", "Condition"]),
};

const KIND_LABEL: Record<AuthorizationKind, string> = { SERVICE_CONTROL_POLICY: "SCP", RESOURCE_CONTROL_POLICY: "RCP", IDENTITY_POLICY: "identity policy" };

/** Problems in one Statement of an SCP, RCP or identity policy, each with its path below content. */
function statementProblems(type: AuthorizationKind, statement: Json, at: string): [string, string][] {
  if (!isObject(statement)) return [[at, "each statement must be an object"]];
  const problems: [string, string][] = [];
  for (const key of Object.keys(statement)) {
    if (!AUTHORIZATION_KEYS[type].has(key)) {
      const why =
        type === "RESOURCE_CONTROL_POLICY" && (key === "NotAction" || key === "NotPrincipal")
          ? `RCPs support ${key === "NotAction" ? "Action" : "Principal \"*\""} only (the RCP syntax page's elements table has no ${key})`
          : key === "Principal" || key === "NotPrincipal"
          ? type === "IDENTITY_POLICY"
            ? "an identity policy applies to the role it is attached to and takes no Principal"
            : "SCPs apply to the principals of the accounts they are attached to and take no Principal"
          : `${KIND_LABEL[type]} statements hold only ${[...AUTHORIZATION_KEYS[type]].join(", ")}`;
      problems.push([`${at}.${key}`, `is not a statement element here: ${why}`]);
    }
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") problems.push([`${at}.Effect`, `must be "Allow" or "Deny"`]);
  const hasAction = "Action" in statement;
  if (type === "RESOURCE_CONTROL_POLICY" ? !hasAction && !("NotAction" in statement) : hasAction === "NotAction" in statement) {
    problems.push([at, type === "RESOURCE_CONTROL_POLICY" ? "needs Action" : "needs exactly one of Action or NotAction"]);
  }
  for (const field of ["Action", "NotAction"]) {
    if (!(field in statement)) continue;
    asList(statement[field]).forEach((action, i) => {
      if (typeof action !== "string" || !ACTION.test(action)) {
        problems.push([`${at}.${field}${Array.isArray(statement[field]) ? `[${i}]` : ""}`, `${JSON.stringify(action)} is not an action: "*" or "service:Action" (wildcards * and ? allowed)`]);
      }
    });
  }
  if ("Resource" in statement && "NotResource" in statement) problems.push([at, "takes Resource or NotResource, not both"]);
  if (type === "IDENTITY_POLICY" && !("Resource" in statement) && !("NotResource" in statement)) problems.push([at, "needs Resource or NotResource (\"*\" for every resource)"]);
  for (const field of ["Resource", "NotResource"]) {
    if (!(field in statement)) continue;
    const list = Array.isArray(statement[field]);
    if (list && (statement[field] as Json[]).length === 0) problems.push([`${at}.${field}`, `must be "*", an ARN, or a non-empty list of them`]);
    asList(statement[field]).forEach((resource, i) => {
      const problem = resourceProblem(resource);
      if (problem) problems.push([`${at}.${field}${list ? `[${i}]` : ""}`, problem]);
    });
  }
  if (type === "RESOURCE_CONTROL_POLICY") {
    if (!("Principal" in statement) && !("NotPrincipal" in statement)) problems.push([at, "RCP statements need a Principal (AWS allows only \"*\")"]);
    if ("Principal" in statement && statement.Principal !== "*") problems.push([`${at}.Principal`, `must be "*" in an RCP`]);
    if (statement.Effect === "Allow" && (statement.Action !== "*" || statement.Resource !== "*" || "Condition" in statement)) {
      problems.push([at, `RCPs allow only through AWS's RCPFullAWSAccess: an "Allow" statement must be Action "*", Resource "*" and no Condition; write guardrails as "Deny"`]);
    }
  }
  if ("Condition" in statement) {
    const condition = statement.Condition;
    if (!isObject(condition)) problems.push([`${at}.Condition`, "must be an object: { operator: { key: value } }"]);
    else {
      for (const [operator, keys] of Object.entries(condition)) {
        if (!/^[A-Za-z]+(:[A-Za-z]+)?$/.test(operator)) problems.push([`${at}.Condition.${operator}`, "is not a condition operator (e.g. StringEquals, ForAnyValue:StringLike, Null)"]);
        else if (!isObject(keys)) problems.push([`${at}.Condition.${operator}`, "must map condition keys to values"]);
        else {
          for (const [key, value] of Object.entries(keys)) {
            const values = asList(value);
            if (values.length === 0 || !values.every((v) => ["string", "number", "boolean"].includes(typeof v))) {
              problems.push([`${at}.Condition.${operator}.${key}`, "must be a string, number, boolean or a non-empty list of them"]);
            }
          }
        }
      }
    }
  }
  return problems;
}

function authorizationProblems(type: AuthorizationKind, content: Record<string, Json>): [string, string][] {
  const problems: [string, string][] = [];
  for (const key of Object.keys(content)) {
    if (key !== "Version" && key !== "Statement" && key !== "Id") problems.push([key, "is not a policy element: a policy holds Version, Statement and optionally Id"]);
  }
  if (!VERSIONS[type].includes(content.Version as string)) {
    problems.push(["Version", type === "IDENTITY_POLICY" ? `must be "2012-10-17" (or the older "2008-10-17")` : `must be "2012-10-17": the ${KIND_LABEL[type]} syntax page allows no other`]);
  }
  const statements = content.Statement;
  if (statements === undefined || (Array.isArray(statements) && statements.length === 0)) problems.push(["Statement", "is required: one statement or a list of them"]);
  else {
    const list = asList(statements);
    list.forEach((statement, i) => problems.push(...statementProblems(type, statement, Array.isArray(statements) ? `Statement[${i}]` : "Statement")));
    const sids = list.flatMap((s) => (isObject(s) && typeof s.Sid === "string" ? [s.Sid] : []));
    const repeated = sids.filter((sid, i) => sids.indexOf(sid) !== i);
    for (const sid of new Set(repeated)) problems.push(["Statement", `Sid ${JSON.stringify(sid)} is used twice: statement ids must be unique`]);
  }
  return problems;
}

/** Management-policy operators (the "@@" keys of tag, backup, AI opt-out, ... policies). */
const OPERATORS = new Set(["@@assign", "@@append", "@@remove", "@@operators_allowed_for_child_policies", "@@enforced_for", "@@action"]);

function operatorProblems(value: Json, at: string, problems: [string, string][]): void {
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith("@@") && !OPERATORS.has(key)) problems.push([`${at}.${key}`, `is not a policy operator: ${[...OPERATORS].join(", ")}`]);
    operatorProblems(inner, `${at}.${key}`, problems);
  }
}

const VALUE_OPERATORS = ["@@assign", "@@append", "@@remove"];
const isStringList = (value: Json): boolean => Array.isArray(value) && value.every((v) => typeof v === "string");

/**
 * The tag policy syntax page: each policy key's tag_key @@assign is the tag key as resources must
 * spell it, a string matching the policy key but for case; tag_value and enforced_for take lists
 * of strings (enforced_for's are "service:resourceType", "service:*" or "service:ALL_SUPPORTED").
 */
function tagPolicyProblems(tags: Record<string, Json>): [string, string][] {
  const problems: [string, string][] = [];
  for (const [policyKey, entry] of Object.entries(tags)) {
    if (policyKey.startsWith("@@")) continue;
    const at = `tags.${policyKey}`;
    if (!isObject(entry)) {
      problems.push([at, "must be an object: { tag_key, tag_value, enforced_for }"]);
      continue;
    }
    const tagKey = isObject(entry.tag_key) ? entry.tag_key["@@assign"] : undefined;
    if (tagKey !== undefined && typeof tagKey !== "string") problems.push([`${at}.tag_key.@@assign`, "must be a string: the tag key as resources must spell it"]);
    else if (typeof tagKey === "string" && tagKey.toLowerCase() !== policyKey.toLowerCase()) {
      problems.push([`${at}.tag_key.@@assign`, `is "${tagKey}", which does not match its policy key "${policyKey}": they may differ only in case`]);
    }
    for (const field of ["tag_value", "enforced_for"]) {
      const value = entry[field];
      if (value === undefined) continue;
      if (!isObject(value)) {
        problems.push([`${at}.${field}`, `must be an object of operators, e.g. { "@@assign": ["..."] }`]);
        continue;
      }
      for (const operator of VALUE_OPERATORS) {
        if (operator in value && !isStringList(value[operator])) problems.push([`${at}.${field}.${operator}`, "must be a list of strings"]);
      }
      if (field === "enforced_for") {
        for (const operator of VALUE_OPERATORS) {
          const list = value[operator];
          if (!isStringList(list)) continue;
          (list as string[]).forEach((item, i) => {
            if (!/^[a-z0-9-]+:([A-Za-z0-9-]+|\*|ALL_SUPPORTED)$/.test(item)) problems.push([`${at}.enforced_for.${operator}[${i}]`, `"${item}" is not "service:resourceType", "service:*" or "service:ALL_SUPPORTED"`]);
          });
        }
      }
    }
  }
  return problems;
}

function managementProblems(type: PolicyType, content: Record<string, Json>): [string, string][] {
  const key = POLICY_TYPE_LIMITS[type].topLevelKey!;
  const problems: [string, string][] = [];
  for (const other of Object.keys(content)) if (other !== key) problems.push([other, `is not a top-level key of a ${type}: it holds only "${key}"`]);
  if (!(key in content)) problems.push([key, `is required: a ${type} is { "${key}": { ... } }`]);
  else if (!isObject(content[key])) problems.push([key, "must be an object"]);
  else if (type === "TAG_POLICY") problems.push(...tagPolicyProblems(content[key] as Record<string, Json>));
  operatorProblems(content, "", problems);
  return problems.map(([path, message]) => [path.replace(/^\./, ""), message]);
}

/** Every problem in a policy document of the given type, as [path below content, rule]. */
export function policyContentProblems(type: PolicyType, content: Json): [string, string][] {
  if (!isObject(content)) return [["", "must be a JSON object"]];
  const problems =
    type === "SERVICE_CONTROL_POLICY" || type === "RESOURCE_CONTROL_POLICY" ? authorizationProblems(type, content) : managementProblems(type, content);
  const size = policyContentSize(content);
  const { maxSize } = POLICY_TYPE_LIMITS[type];
  if (size > maxSize) {
    problems.push(["", `is ${size.toLocaleString("en")} characters as sent to AWS (minified JSON); a ${type} holds at most ${maxSize.toLocaleString("en")}`]);
  }
  return problems;
}

/** Every grammar problem in an identity policy (a permission set's inline policy), as [path below content, rule]. */
export const identityPolicyProblems = (content: Json): [string, string][] => (isObject(content) ? authorizationProblems("IDENTITY_POLICY", content) : [["", "must be a JSON object"]]);
