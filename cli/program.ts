// The command line around the commands: registers the one named on the command line and runs it.
import { Command } from "commander";

/** Adds one command to the program. */
export type Register = (program: Command) => void;
/** Each command's register function, loaded only when that command runs. */
export type CommandLoaders = Record<string, () => Promise<Register>>;

/**
 * Registers the command named in `argv` (or all of them, for help and for an unknown name's
 * error) and runs it. No top-level await anywhere on this path: the CLI bundle is a CommonJS script.
 */
export async function runProgram(commands: CommandLoaders, argv: string[]): Promise<void> {
  const program = new Command("aws-org").description("Manage an AWS Organization as code with CDKTF and OpenTofu").showHelpAfterError();
  const named = argv[2];
  const wanted = named !== undefined && named in commands ? [named] : Object.keys(commands);
  try {
    for (const register of await Promise.all(wanted.map((name) => commands[name]!()))) register(program);
    await program.parseAsync(argv);
  } catch (error) {
    process.stderr.write(`aws-org: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
