// Finds the config file to use and reads it. One documented switch chooses it:
// the ORG_CONFIG environment variable, else the cdktf context key "orgConfig" (the "context"
// object in cdktf.json, which cdktf hands to the app as CDKTF_CONTEXT_JSON), else config/organization.ts.
import { existsSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { loadBackendSettings, type BackendSettings } from "./backend.js";
import type { OrganizationModel } from "./model.js";
import { readConfigFile } from "./read-config-file.js";
import { ConfigError } from "./errors.js";
import { validateConfig } from "./validate.js";

export const DEFAULT_CONFIG_FILE = "config/organization.ts";

/**
 * A cdktf context value: cdktf passes the context to the app as CDKTF_CONTEXT_JSON; commands run
 * outside cdktf (aws-org tree) read cdktf.json's "context" themselves, so both see the same file.
 */
function contextValue(key: string): string | undefined {
  const [source, text] = process.env.CDKTF_CONTEXT_JSON ? ["CDKTF_CONTEXT_JSON", process.env.CDKTF_CONTEXT_JSON] : existsSync("cdktf.json") ? ["cdktf.json", readFileSync("cdktf.json", "utf8")] : [];
  if (source === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text!);
  } catch (error) {
    // Ignoring it would fall back to the default config, not the one it names.
    throw new ConfigError(`(${source})`, [{ path: "(file)", message: `is not valid JSON (${(error as Error).message.split("\n")[0]}), so the config it may name cannot be read: fix it` }]);
  }
  const context = source === "cdktf.json" ? (parsed as { context?: unknown } | null)?.context : parsed;
  const value = context && typeof context === "object" ? (context as Record<string, unknown>)[key] : undefined;
  if (value !== undefined && typeof value !== "string") {
    throw new ConfigError(`(${source})`, [{ path: `context.${key}`, message: `must be the config file's path as a string, not ${JSON.stringify(value)}` }]);
  }
  return value;
}

export function configFilePath(): string {
  if (process.env.ORG_CONFIG === "") {
    throw new ConfigError("(ORG_CONFIG)", [{ path: "ORG_CONFIG", message: `is set but empty: unset it to use ${DEFAULT_CONFIG_FILE}, or name a config file` }]);
  }
  return process.env.ORG_CONFIG ?? contextValue("orgConfig") ?? DEFAULT_CONFIG_FILE;
}

export interface LoadedOrganization {
  file: string;
  model: OrganizationModel;
}

/** Reads and validates the selected config; throws ConfigError listing every problem. */
export async function loadOrganization(file?: string): Promise<LoadedOrganization> {
  const chosen = file ?? configFilePath();
  return { file: chosen, model: validateConfig(await readConfigFile(chosen), `(${chosen})`, { configDir: dirname(chosen) }) };
}

export type LoadedInputs = LoadedOrganization & { backend: BackendSettings };

/** The organization config and backend.tf.json, both validated; problems in either are reported together. */
export async function loadInputs(configFile?: string): Promise<LoadedInputs> {
  const [organization, backend] = await Promise.allSettled([loadOrganization(configFile), Promise.resolve().then(() => loadBackendSettings())]);
  if (organization.status === "fulfilled" && backend.status === "fulfilled") {
    return { ...organization.value, backend: backend.value };
  }
  const failures = [organization, backend].flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
  const configErrors = failures.filter((error): error is ConfigError => error instanceof ConfigError);
  if (configErrors.length !== failures.length) throw failures.find((error) => !(error instanceof ConfigError));
  throw configErrors.length === 1
    ? configErrors[0]
    : new ConfigError(
        configErrors.map((error) => error.source).join(" and "),
        configErrors.flatMap((error) => error.issues.map((issue) => ({ ...issue, path: `${error.source} ${issue.path}` }))),
      );
}
