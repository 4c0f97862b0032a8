// Prints a config error for a person and exits non-zero; anything else is rethrown.
import { ConfigError } from "./validate.js";

export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
