/**
 * One Publish within a deadline, with its attempts counted, on a client whose middleware is resolved
 * once and then reused (`cacheMiddleware: true` in sns-client.ts). Per-send options (an abortSignal) or
 * per-command middleware would make the SDK rebuild and re-sort the middleware stack on every send, so
 * the client carries one guard instead, and each send's state is found through its command's input
 * object (the SDK hands the same object to every attempt).
 *
 * At the deadline the send fails at once. No attempt starts after it; one already on the wire is left
 * to the client's own per-attempt timeout and its answer is ignored.
 */
import type { PublishCommand, PublishCommandOutput, SNSClient } from "@aws-sdk/client-sns";

export class DeadlineExceeded extends Error {
  override readonly name = "DeadlineExceeded";
}

/** What the guard knows about one send: attempts made so far, and whether its deadline has passed. */
export interface PublishAttempts {
  count: number;
  expired: boolean;
}

const inFlight = new WeakMap<object, PublishAttempts>();

/** Adds the guard to a client: it runs once per attempt (inside the SDK's retry loop). */
export function guardPublishAttempts(client: SNSClient): void {
  client.middlewareStack.add(
    (next) => (args) => {
      const attempts = inFlight.get(args.input);
      if (attempts !== undefined) {
        if (attempts.expired) return Promise.reject(new DeadlineExceeded("the send's deadline passed before this attempt"));
        attempts.count++;
      }
      return next(args);
    },
    { step: "deserialize", priority: "low", name: "publishAttemptGuard" },
  );
}

/**
 * Sends `command` through a guarded client; rejects with DeadlineExceeded once `remainingMs` have
 * passed. `attempts` is updated as the SDK tries (also when the send fails).
 */
export async function publishBefore(
  client: SNSClient,
  command: PublishCommand,
  remainingMs: number,
  attempts: PublishAttempts,
): Promise<PublishCommandOutput> {
  inFlight.set(command.input, attempts);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      attempts.expired = true;
      reject(new DeadlineExceeded(`no answer within the deadline`));
    }, Math.max(0, remainingMs));
  });
  try {
    return await Promise.race([client.send(command), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
