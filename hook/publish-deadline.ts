/**
 * One Publish within a deadline, with its attempts counted, on a client whose middleware is resolved
 * once and then reused (`cacheMiddleware: true` in sns-client.ts). Per-send options (an abortSignal) or
 * per-command middleware would make the SDK rebuild and re-sort the middleware stack on every send, so
 * the client carries one guard instead, and each send's state is found through its command's input
 * object (the SDK hands the same object to every attempt).
 *
 * The guard also records, for the retry strategy (publish-retry.ts), which send an error or an answer
 * belongs to and whether the failed attempt may have reached SNS (request-delivery.ts).
 *
 * At the deadline the send fails at once. No attempt starts after it; one already on the wire is left
 * to the client's backstop timeout (never shorter than the deadline) and its answer is ignored.
 */
import type { PublishCommand, PublishCommandOutput, SNSClient } from "@aws-sdk/client-sns";
import { mayHaveReachedSns, watchAttempt, type AttemptDelivery } from "./request-delivery";

export class DeadlineExceeded extends Error {
  override readonly name = "DeadlineExceeded";
}

/** What the guard knows about one send. */
export interface PublishAttempts {
  /** Attempts started so far. */
  count: number;
  /** The deadline has passed: no further attempt may start. */
  expired: boolean;
  /** When the deadline passes, on the `performance.now()` clock; set by publishBefore. */
  deadlineAt?: number;
  /** Each attempt's request, and whether SNS answered it (set by the guard). */
  log?: { delivery: AttemptDelivery; answered: boolean }[];
}

/**
 * True when some attempt may have reached SNS and got no answer (written, then timed out, reset or
 * still on the wire): SNS may have taken the message. Answered attempts are not counted: an error
 * answer means SNS did not take it, a success answer is a sent SMS.
 */
export function mayHaveBeenTaken(send: PublishAttempts): boolean {
  return (send.log ?? []).some((attempt) => !attempt.answered && mayHaveReachedSns(attempt.delivery));
}

/** What the guard learnt about one failed attempt. */
export interface FailedAttempt {
  send: PublishAttempts;
  /** False only when the attempt's request certainly never reached SNS. */
  mayHaveReachedSns: boolean;
}

const inFlight = new WeakMap<object, PublishAttempts>();
/** Errors raised below the guard (by the HTTP handler): which send, and whether SNS may have it. */
const failedAttempts = new WeakMap<object, FailedAttempt>();
/** HTTP answers seen by the guard (the SDK attaches the answer to the errors it parses from it). */
const answers = new WeakMap<object, PublishAttempts>();

/** The send an SDK error belongs to, and what is known of its attempt (undefined for other sends). */
export function failedAttemptOf(error: unknown): FailedAttempt | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const attempt = failedAttempts.get(error);
  if (attempt !== undefined) return attempt;
  const response = (error as { $response?: unknown }).$response;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: WeakMap.get of a non-object is undefined too.
  const send = typeof response === "object" && response !== null ? answers.get(response) : undefined;
  // SNS answered: the request reached it.
  // Stryker disable next-line BooleanLiteral: an answered error always has its HTTP status, which decides first (publish-retry.ts, send-sms.ts).
  return send === undefined ? undefined : { send, mayHaveReachedSns: true };
}

/** Adds the guard to a client: it runs once per attempt (inside the SDK's retry loop). */
export function guardPublishAttempts(client: SNSClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const send = inFlight.get(args.input);
      if (send === undefined) return next(args);
      // Stryker disable next-line StringLiteral: the sender reports a DeadlineExceeded by its name, never its message.
      if (send.expired) throw new DeadlineExceeded("the send's deadline passed before this attempt");
      send.count++;
      const request = args.request as { headers?: Record<string, string> } | undefined;
      // Stryker disable next-line OptionalChaining: the deserialize step always has the HTTP request.
      const attempt = watchAttempt(request?.headers ?? {});
      const logged = { delivery: attempt.delivery, answered: false };
      (send.log ??= []).push(logged);
      try {
        const result = await next(args);
        logged.answered = true;
        // Stryker disable next-line ConditionalExpression,LogicalOperator: the HTTP handler always answers with an object.
        if (typeof result.response === "object" && result.response !== null) answers.set(result.response, send);
        return result;
      } catch (error) {
        const reached = mayHaveReachedSns(attempt.delivery);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: the SDK's HTTP handler only throws Error objects.
        if (typeof error === "object" && error !== null) failedAttempts.set(error, { send, mayHaveReachedSns: reached });
        throw error;
        // Stryker disable next-line BlockStatement: as the call below.
      } finally {
        // Stryker disable next-line CallExpression: frees the attempt's entry in request-delivery.ts; nothing reads it after the attempt.
        attempt.end();
      }
    },
    { step: "deserialize", priority: "low", name: "publishAttemptGuard" },
  );
}

/**
 * Sends `command` through a guarded client; rejects with DeadlineExceeded once `remainingMs` have
 * passed. `attempts` is updated as the SDK tries (also when the send fails). `settled` is called once
 * the SDK's own send has settled (after the deadline, too, for an attempt still on the wire).
 */
export async function publishBefore(
  client: SNSClient,
  command: PublishCommand,
  remainingMs: number,
  attempts: PublishAttempts,
  settled?: () => void,
): Promise<PublishCommandOutput> {
  attempts.deadlineAt = performance.now() + Math.max(0, remainingMs);
  inFlight.set(command.input, attempts);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => {
        attempts.expired = true;
        reject(new DeadlineExceeded(`no answer within the deadline`));
      },
      Math.max(0, remainingMs),
    );
  });
  let sending: Promise<PublishCommandOutput>;
  try {
    sending = client.send(command);
  } catch (error) {
    clearTimeout(timer);
    settled?.();
    throw error;
  }
  if (settled !== undefined) sending.then(settled, settled);
  try {
    return await Promise.race([sending, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
