// load config -> validate -> create stacks -> synth. Nothing is built from an invalid config.
import { App } from "cdktf";
import { loadInputs } from "./config/load.js";
import { exitOnConfigError } from "./config/report-error.js";
import { OrganizationStack } from "./stacks/organization-stack.js";
import { StateBackendStack } from "./stacks/state-backend-stack.js";

const { model, backend } = await loadInputs().catch(exitOnConfigError);

const app = new App();
new StateBackendStack(app, "state-backend", {
  backend,
  provider: model.provider,
  bootstrapped: process.env.STATE_BACKEND_BOOTSTRAPPED === "true",
});
new OrganizationStack(app, "organization", { model, backend });
app.synth();
