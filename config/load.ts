// Finds the config file to use and reads it. One documented switch chooses it:
// the ORG_CONFIG environment variable, else the cdktf context key "orgConfig" (the "context"
// object in cdktf.json, which cdktf hands to the app as CDKTF_CONTEXT_JSON), else config/organization.ts.
import { existsSync, readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadBackendSettings, type BackendSettings } from "./backend.js";
import type { OrganizationModel } from "./model.js";
import { ConfigError, validateConfig } from "./validate.js";

export const DEFAULT_CONFIG_FILE = "config/organization.ts";

/**
 * A cdktf context value: cdktf passes the context to the app as CDKTF_CONTEXT_JSON; commands run
 * outside cdktf (aws-org tree) read cdktf.json's "context" themselves, so both see the same file.
 */
function contextValue(key: string): string | undefined {
  try {
    const context = process.env.CDKTF_CONTEXT_JSON
      ? (JSON.parse(process.env.CDKTF_CONTEXT_JSON) as Record<string, unknown>)
      : existsSync("cdktf.json")
        ? ((JSON.parse(readFileSync("cdktf.json", "utf8")) as { context?: Record<string, unknown> }).context ?? {})
        : {};
    const value = context[key];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

export const configFilePath = (): string => process.env.ORG_CONFIG ?? contextValue("orgConfig") ?? DEFAULT_CONFIG_FILE;

/** Reads a .ts/.js module's default export, or a .json file. */
export async function readConfigFile(file: string): Promise<unknown> {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigError(file, [{ path: "(file)", message: "does not exist" }]);
  if (extname(path) === ".json") {
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new ConfigError(file, [{ path: "(file)", message: `is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  if (module.default === undefined) {
    throw new ConfigError(file, [{ path: "(file)", message: "must `export default defineOrganization({...})`" }]);
  }
  return module.default;
}

export interface LoadedOrganization {
  file: string;
  model: OrganizationModel;
}

/** Reads and validates the selected config; throws ConfigError listing every problem. */
export async function loadOrganization(file = configFilePath()): Promise<LoadedOrganization> {
  return { file, model: validateConfig(await readConfigFile(file), `(${file})`) };
}

/** The organization config and backend.tf.json, both validated; problems in either are reported together. */
export async function loadInputs(): Promise<LoadedOrganization & { backend: BackendSettings }> {
  const [organization, backend] = await Promise.allSettled([loadOrganization(), Promise.resolve().then(() => loadBackendSettings())]);
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
