// `aws-org release-account <name>`: stops managing one account without closing it. OpenTofu's
// `removed` blocks cannot name one for_each instance, so this does the state surgery, safely: only
// an account the synthesized config no longer has, only its own address, the state backed up first.
import type { Command } from "commander";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { synthesizedMap, type SynthesizedStack } from "../plan/plan-json.js";
import { PLAN_FILES } from "../plan/read-stack-plan.js";
import { accountAddress, VARIABLES } from "../terraform/names.js";
import { Tofu } from "../tofu/tofu-runner.js";
import { DEFAULT_SYNTH_DIR } from "./stack-options.js";

/** The AWS account id the state holds for `address`, if it can be read. */
function accountIdInState(state: string, address: string, name: string): string | undefined {
  try {
    const parsed = JSON.parse(state) as { resources?: { mode: string; type: string; name: string; instances: { index_key?: string; attributes?: { id?: string } }[] }[] };
    const resource = parsed.resources?.find((r) => r.mode === "managed" && address.startsWith(`${r.type}.${r.name}[`));
    return resource?.instances.find((instance) => instance.index_key === name)?.attributes?.id;
  } catch {
    return undefined;
  }
}

export function registerReleaseAccountCommand(program: Command): void {
  program
    .command("release-account")
    .description("stop managing one account, which stays in the organization: backs up the state, then removes only its address from it")
    .argument("<name>", "the account's name (its for_each key)")
    .option("--dir <dir>", "the organization stack's directory", join(DEFAULT_SYNTH_DIR, "stacks", "organization"))
    .action(async (name: string, options: { dir: string }) => {
      const synthesizedFile = join(options.dir, PLAN_FILES.synthesized);
      if (!existsSync(synthesizedFile)) throw new Error(`${synthesizedFile} does not exist: take the account out of the config, run \`npm run synth\`, then release it`);
      const synthesized = JSON.parse(readFileSync(synthesizedFile, "utf8")) as SynthesizedStack;
      if (name in synthesizedMap(synthesized, VARIABLES.accountsToCreate) || name in synthesizedMap(synthesized, VARIABLES.accountsToImport)) {
        throw new Error(`"${name}" is still in the config: take it out of the config and run \`npm run synth\` first, so that nothing adds it back`);
      }
      const tofu = new Tofu(process.env.TOFU_BIN ?? "tofu", { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0" }, { log: false });
      const listed = (await tofu.run(options.dir, ["state", "list"])).stdout.split("\n");
      const candidates = [accountAddress(name), accountAddress(name, true)].filter((address) => listed.includes(address));
      if (candidates.length !== 1) throw new Error(`no account "${name}" in the state of ${options.dir} (looked for ${accountAddress(name)} and ${accountAddress(name, true)})`);
      const address = candidates[0]!;
      const state = await tofu.run(options.dir, ["state", "pull"]);
      const accountId = accountIdInState(state.stdout, address, name);
      const backup = join(options.dir, `state-before-release-${name.replace(/[^A-Za-z0-9_.-]/g, "_")}-${new Date().toISOString().replace(/[:.]/g, "-")}.tfstate`);
      writeFileSync(backup, state.stdout, { mode: 0o600 });
      await tofu.run(options.dir, ["state", "rm", "-no-color", address]);
      const account = accountId ? ` (account ${accountId})` : "";
      process.stdout.write(
        `Released ${address}${account}: it stays in the organization, no longer managed here.\nState before the change: ${backup} (push it back with \`tofu state push\` to undo).\n`,
      );
    });
}
