/**
 * Judgements about a deployed stack's Auth0 side: the sender Action is built and deployed, bound to
 * its trigger, carries exactly the program's secret names, and the MFA phone factor sends SMS through
 * it. Pure functions over what the Management API returned; secret values never appear (the API
 * returns names only, and only names are compared).
 */
import type { Management } from "auth0";
import type { DoctorCheck } from "./doctor-check";
import type { PhoneTrigger } from "./auth0-experience";
import { isOwnAction, notRun, type OwnAction } from "./auth0-tenant-checks";
import type { Read } from "./auth0-session";
import { PHONE_MESSAGE_HOOK_PROVIDER } from "../../infra/auth0/guardian-settings";

const listNames = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(", ");

/** `auth0.action-deployed`: the Action exists, its code is built, and every change is deployed. */
export function actionDeployedCheck(action: Read<Management.Action | undefined>, own: OwnAction): DoctorCheck {
  const id = "auth0.action-deployed";
  if (!action.ok && action.status !== 404) return notRun(id, `the sender Action "${own.name}"`, action.problem, action.status);
  const found = action.ok ? action.value : undefined;
  if (found === undefined) {
    return {
      id,
      status: "fail",
      reason: `The sender Action ${own.id !== undefined ? `${own.id} ` : ""}("${own.name}") does not exist in the tenant.`,
      next: "Run `pulumi refresh` then `pulumi up` for this stack.",
    };
  }
  const problems: string[] = [];
  if (found.status !== "built") problems.push(`its build status is ${found.status ?? "unknown"}, not built`);
  if (found.all_changes_deployed !== true) problems.push("it has changes that are not deployed");
  if (found.deployed_version?.deployed !== true) problems.push("no version of it is deployed");
  if (problems.length > 0) {
    return {
      id,
      status: "fail",
      reason: `The sender Action "${found.name ?? own.name}" is not ready: ${problems.join("; ")}.`,
      next: "Run `pulumi up` for this stack; if the build failed, read the Action's build errors in the Dashboard (Actions → Library).",
    };
  }
  return { id, status: "pass", reason: `The sender Action "${found.name ?? own.name}" is built and deployed.`, next: "" };
}

/** `auth0.action-bound`: the Action is bound to the stack's phone trigger. */
export function actionBoundCheck(trigger: PhoneTrigger, bindings: Read<Management.ActionBinding[]>, own: OwnAction): DoctorCheck {
  const id = "auth0.action-bound";
  if (!bindings.ok) return notRun(id, `the binding of "${own.name}" to ${trigger}`, bindings.problem, bindings.status);
  if (bindings.value.some((binding) => isOwnAction(own, binding.action))) {
    return { id, status: "pass", reason: `"${own.name}" is bound to ${trigger}.`, next: "" };
  }
  return {
    id,
    status: "fail",
    reason: `"${own.name}" is not bound to ${trigger}: Auth0 does not run it for MFA SMS.`,
    next: "Run `pulumi refresh` then `pulumi up` for this stack (it restores the binding).",
  };
}

/**
 * `auth0.action-secrets`: the Action carries exactly the program's secret names. A secret added by
 * hand makes the next update fail with "Unmanaged Action Secret"; a missing one breaks the sender.
 */
export function actionSecretsCheck(
  action: Read<Management.Action | undefined>,
  expectedNames: readonly string[],
  own: OwnAction,
): DoctorCheck {
  const id = "auth0.action-secrets";
  if (!action.ok && action.status !== 404) return notRun(id, `the secret names of "${own.name}"`, action.problem, action.status);
  if (!action.ok || action.value === undefined) {
    return {
      id,
      status: "warn",
      reason: `The sender Action "${own.name}" was not found, so its secrets could not be checked (see auth0.action-deployed).`,
      next: "Run `pulumi up` for this stack.",
    };
  }
  const actual = (action.value.secrets ?? []).map((secret) => secret.name).filter((name): name is string => typeof name === "string");
  const unexpected = actual.filter((name) => !expectedNames.includes(name));
  const missing = expectedNames.filter((name) => !actual.includes(name));
  if (unexpected.length > 0) {
    return {
      id,
      status: "fail",
      reason: `The sender Action carries secrets the stack does not manage: ${listNames(unexpected)}; the next \`pulumi up\` fails with "Unmanaged Action Secret"${missing.length > 0 ? `; it also lacks ${listNames(missing)}` : ""}.`,
      next: `Delete ${listNames(unexpected)} from the Action (Dashboard → Actions → Library → "${own.name}" → Secrets), or add it to the stack's config if the sender reads it, then run \`pulumi up\`.`,
    };
  }
  if (missing.length > 0) {
    return {
      id,
      status: "fail",
      reason: `The sender Action lacks the secrets ${listNames(missing)} the stack sets.`,
      next: "Run `pulumi up` for this stack.",
    };
  }
  return { id, status: "pass", reason: `The sender Action carries exactly the stack's ${expectedNames.length} secret names.`, next: "" };
}

/** `auth0.mfa-phone-factor`: the Guardian `sms` factor (the phone factor) is enabled. */
export function mfaPhoneFactorCheck(factors: Read<Management.GuardianFactor[]>): DoctorCheck {
  const id = "auth0.mfa-phone-factor";
  if (!factors.ok) return notRun(id, "the MFA factors", factors.problem, factors.status);
  const sms = factors.value.find((factor) => factor.name === "sms");
  if (sms?.enabled === true) return { id, status: "pass", reason: "The MFA phone factor is enabled.", next: "" };
  return {
    id,
    status: "fail",
    reason: "The MFA phone factor (Guardian `sms`) is off: users are never asked for an SMS code.",
    next: "Run `pulumi up` for this stack (its Guardian resource enables the phone factor), or `pulumi refresh` first if it was turned off by hand.",
  };
}

/** `auth0.mfa-message-types`: the phone factor offers SMS (and not voice, which SNS cannot deliver). */
export function mfaMessageTypesCheck(messageTypes: Read<string[]>): DoctorCheck {
  const id = "auth0.mfa-message-types";
  if (!messageTypes.ok) return notRun(id, "the MFA phone message types", messageTypes.problem, messageTypes.status);
  const types = messageTypes.value;
  if (!types.includes("sms")) {
    return {
      id,
      status: "fail",
      reason: `The MFA phone factor's message types are [${types.join(", ")}], without sms.`,
      next: "Run `pulumi up` for this stack (it sets the message types to sms).",
    };
  }
  if (types.includes("voice")) {
    return {
      id,
      status: "warn",
      reason: "The MFA phone factor also offers voice, which the sender cannot deliver through SNS: users who pick voice get no code.",
      next: "Run `pulumi up` for this stack (it sets the message types to sms only).",
    };
  }
  return { id, status: "pass", reason: "The MFA phone factor sends SMS.", next: "" };
}

/** `auth0.mfa-phone-provider` (classic): Guardian's selected phone provider is the Action ("phone-message-hook"). */
export function mfaPhoneProviderCheck(selected: Read<string | undefined>): DoctorCheck {
  const id = "auth0.mfa-phone-provider";
  if (!selected.ok) return notRun(id, "the MFA phone provider", selected.problem, selected.status);
  if (selected.value === PHONE_MESSAGE_HOOK_PROVIDER) {
    return {
      id,
      status: "pass",
      reason: `The MFA phone provider is ${PHONE_MESSAGE_HOOK_PROVIDER} (Custom): SMS go to the send-phone-message Action.`,
      next: "",
    };
  }
  return {
    id,
    status: "fail",
    reason: `The MFA phone provider is ${selected.value ?? "unset"}, not ${PHONE_MESSAGE_HOOK_PROVIDER}: MFA SMS do not reach the sender Action.`,
    next: "Run `pulumi refresh` then `pulumi up` for this stack.",
  };
}
