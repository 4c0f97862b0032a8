// The sandbox applies the shipped config with the few changes moto and the local provider need.
// Each change is printed and documented, never made silently.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { readConfigFile } from "../config-language/read-config-file.js";
import { DEFAULT_PROVIDER_CONSTRAINT, type OrganizationConfigInput } from "../config-language/schema.js";

export interface Deviation {
  what: string;
  why: string;
}

/** True when `version` satisfies a "~> M.m" constraint; other forms are taken as satisfied. */
export function satisfiesPessimistic(constraint: string, version: string): boolean {
  const match = /^~>\s*(\d+)\.(\d+)$/.exec(constraint.trim());
  if (!match) return true;
  const [major, minor] = version.split(".").map(Number);
  return major === Number(match[1]) && (minor ?? 0) >= Number(match[2]);
}

export interface SandboxConfigOptions {
  /** Version of the provider in the local mirror. */
  providerVersion: string;
  /** Ids of objects created in moto beforehand, as the console would have. */
  organizationId?: string;
  accountIds?: Record<string, string>;
  /** Further edits a scenario makes on purpose (e.g. drop an account). */
  edit?: (config: OrganizationConfigInput) => OrganizationConfigInput;
}

/** The provider's max_retries in the sandbox (AWS_MAX_ATTEMPTS does not reach provider 5.100's calls). */
export const SANDBOX_MAX_RETRIES = 4;

export async function sandboxConfig(
  sourceFile: string,
  options: SandboxConfigOptions,
): Promise<{ config: OrganizationConfigInput; deviations: Deviation[] }> {
  const source = structuredClone((await readConfigFile(sourceFile)) as OrganizationConfigInput);
  const deviations: Deviation[] = [];
  const organization = { ...source.organization };
  if (options.organizationId) {
    organization.id = options.organizationId;
    deviations.push({ what: `organization.id = ${options.organizationId}`, why: "the organization moto created beforehand gets a random id" });
  }
  const accounts = (source.accounts ?? []).map((account) => {
    const id = options.accountIds?.[account.name];
    if (id === undefined || id === account.id) return account;
    deviations.push({ what: `accounts "${account.name}".id = ${id} (was ${account.id ?? "none"})`, why: "moto gives accounts random ids" });
    return { ...account, id };
  });
  const provider = { ...source.provider };
  const constraint = provider.versionConstraint ?? DEFAULT_PROVIDER_CONSTRAINT;
  if (!satisfiesPessimistic(constraint, options.providerVersion)) {
    provider.versionConstraint = options.providerVersion;
    deviations.push({
      what: `provider.versionConstraint = "${options.providerVersion}" (was "${constraint}")`,
      why: `the provider available offline here is ${options.providerVersion}`,
    });
  }
  if (provider.maxRetries === undefined) {
    provider.maxRetries = SANDBOX_MAX_RETRIES;
    deviations.push({
      what: `provider.maxRetries = ${SANDBOX_MAX_RETRIES} (was the provider's default, 25)`,
      why: "a call moto lacks answers 500, which the provider would retry with backoff for minutes; a few retries stay for responses lost under load",
    });
  }
  // The sandbox writes the config elsewhere as JSON: policy files come along as their documents.
  const policies = (source.policies ?? []).map((policy) =>
    typeof policy.content === "string" ? { ...policy, content: JSON.parse(readFileSync(resolve(dirname(sourceFile), policy.content), "utf8")) as Record<string, unknown> } : policy,
  );
  const config = { ...source, organization, accounts, provider, ...(source.policies ? { policies } : {}) };
  return { config: options.edit ? options.edit(config) : config, deviations };
}

export function writeSandboxConfig(file: string, config: OrganizationConfigInput): string {
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

export const describeDeviations = (source: string, deviations: Deviation[]): string =>
  deviations.length === 0
    ? `[sandbox] applying ${source} as it is`
    : [`[sandbox] applying ${source} with these sandbox-only changes:`, ...deviations.map((d) => `[sandbox]   - ${d.what}: ${d.why}`)].join("\n");
