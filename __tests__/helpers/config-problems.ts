// Every problem validation finds in a config, or none: what a test of the rules asserts on.
import { ConfigError, type ConfigIssue } from "../../config-language/errors.js";
import { validateConfig } from "../../config-language/validate.js";

/** The config's problems, with policy files read from `configDir` (default config/); [] for a valid config. */
export function configProblems(config: unknown, configDir?: string): ConfigIssue[] {
  try {
    validateConfig(config, "(test)", { configDir });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}
