// Finds or builds tofu and the AWS provider (sandbox/build-tools.sh, cached outside the repo)
// and returns where they are. The build's progress goes to stderr as it happens.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface SandboxTools {
  tofuBin: string;
  /** CLI config that serves the provider from a local filesystem mirror. */
  cliConfigFile: string;
  /** The version of the provider in the mirror, as it really is. */
  providerVersion: string;
}

const BUILD_SCRIPT = fileURLToPath(new URL("./build-tools.sh", import.meta.url));

export function ensureTools(): Promise<SandboxTools> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [BUILD_SCRIPT], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`sandbox/build-tools.sh failed with exit code ${code}`));
      const values = Object.fromEntries(
        stdout
          .split("\n")
          .filter((line) => line.includes("="))
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
      const { TOFU_BIN, TF_CLI_CONFIG_FILE, AWS_PROVIDER_VERSION } = values;
      if (!TOFU_BIN || !TF_CLI_CONFIG_FILE || !AWS_PROVIDER_VERSION) {
        return reject(new Error(`sandbox/build-tools.sh printed no tool locations:\n${stdout}`));
      }
      resolve({ tofuBin: TOFU_BIN, cliConfigFile: TF_CLI_CONFIG_FILE, providerVersion: AWS_PROVIDER_VERSION });
    });
  });
}
