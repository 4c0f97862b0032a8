// One retry policy for every AWS read the project makes outside tofu (init's walk, the unmanaged
// listing, the account quota, Identity Center): the SDK's adaptive mode, which backs off on
// throttling and slows the client down, with up to 10 attempts. Organizations throttles a large
// organization's reads (README: "Plans of a large organization under throttling"); three attempts
// gave up on a listing that ten ride out. Errors that are not retryable (access denied) fail at once.
export const AWS_RETRY = { retryMode: "adaptive", maxAttempts: 10 } as const;
