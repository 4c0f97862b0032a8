// import() of a config module by file URL, in one place: the CLI bundle runs as a script, where
// import() has no loader, so its build swaps this module for one that calls its runner's import()
// (cli/bundle/build-cli-bundle.ts).

/** Loads the ES module at this file URL. */
export const importModule = (url: string): Promise<unknown> => import(url);
