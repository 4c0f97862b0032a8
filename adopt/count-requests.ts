// Counts every attempt an AWS SDK client sends, retries included: the figure `aws-org init` prints.

/** The part of an SDK client that counting needs (each client's stack has its own input and output types). */
interface WithMiddleware {
  middlewareStack: { add(middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>, options: { step: "finalizeRequest"; name: string }): void };
}

export function countRequests<T>(client: T, counter: { requests: number }): T {
  (client as unknown as WithMiddleware).middlewareStack.add(
    (next) => async (args) => {
      counter.requests++;
      return next(args);
    },
    { step: "finalizeRequest", name: "countRequests" },
  );
  return client;
}
