// How many operations `tofu apply` runs at once. tofu's default is 10, but AWS Organizations runs at
// most 5 CreateAccount requests at a time and refuses the next with TooManyRequestsException, which
// the provider retries only a few times: 10 new accounts in one apply would fail half of them.
// With 5, an apply never has more than 5 creations in progress, whatever the plan holds.

/** `-parallelism` of every apply: the apply workflow's and the sandbox's. */
export const APPLY_PARALLELISM = 5;
