// Finds or builds tofu and the AWS provider once, before any end-to-end test file runs; a cold
// build prints its progress here. After the run, the last line says which provider the suite ran
// against, since it is not the one the product ships.
import { DEFAULT_PROVIDER_CONSTRAINT } from "../../config-language/schema.js";
import { describeMotoDeviations, ensureMotoInstalled } from "../../sandbox/moto-server.js";
import { ensureTools } from "../../sandbox/tools.js";

/** The line every e2e run ends with: what a green run did not test. */
export const providerSummary = (providerVersion: string): string =>
  `[e2e] ran against hashicorp/aws ${providerVersion} (the sandbox's mirror), not the ${DEFAULT_PROVIDER_CONSTRAINT} the product ships: behaviour only 6.x has is untested here (README: Tests)`;

export default async function setup(): Promise<() => void> {
  const tools = await ensureTools();
  // Here, in vitest's main process, not in a test file's worker: a first install takes a while,
  // and a worker blocked that long misses vitest's RPC deadline.
  ensureMotoInstalled();
  process.stderr.write(`[e2e] tofu ${tools.tofuBin}, hashicorp/aws ${tools.providerVersion} via ${tools.cliConfigFile}\n${describeMotoDeviations()}\n`);
  return () => {
    process.stderr.write(`\n${providerSummary(tools.providerVersion)}\n`);
  };
}
