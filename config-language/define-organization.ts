// What a config file imports: an identity function that gives it types and editor completion.
// It imports only types (erased when Node strips them), so loading a config loads nothing else:
// the CLI bundle holds its own copy of the schema, and a second one from source would cost ~50 ms.
import type { OrganizationConfigInput } from "./schema.js";

/** Identity function that gives a config file types and editor completion. */
export const defineOrganization = (config: OrganizationConfigInput): OrganizationConfigInput => config;
