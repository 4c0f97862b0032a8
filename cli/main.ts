// The project's command line: `npm run cli -- --help`. cli/aws-org.mjs runs it (from its bundle).
import { COMMANDS } from "./commands.js";
import { runProgram } from "./program.js";

void runProgram(COMMANDS, process.argv);
