#!/usr/bin/env node
// The project's command line: `npx tsx cli/main.ts --help`.
import { Command } from "commander";
import { registerTreeCommand } from "./tree-command.js";

const program = new Command("aws-org").description("Manage an AWS Organization as code with CDKTF and OpenTofu");
registerTreeCommand(program);
await program.parseAsync(process.argv);
