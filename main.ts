// load config -> validate -> create stacks -> synth. Nothing is built from an invalid config.
import { loadInputs } from "./config-language/load.js";
import { exitOnSynthError } from "./config-language/report-error.js";
import { createOrganizationApp, stateBackendBootstrappedFromEnv } from "./stacks/organization-app.js";

const inputs = await loadInputs().catch(exitOnSynthError);
createOrganizationApp(inputs, { stateBackendBootstrapped: stateBackendBootstrappedFromEnv() }).synth();
