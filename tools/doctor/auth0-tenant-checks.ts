/**
 * Judgements about the tenant before (and after) `pulumi up`, from what the Management API returned:
 * the token's scopes, the Unified Phone Experience flag against the stack's experience, who else is
 * bound to the phone triggers, and (unified) the tenant's phone provider and other
 * custom-phone-provider Actions. Pure functions: the reads happen in auth0-checks.ts.
 */
import type { Management } from "auth0";
import type { DoctorCheck } from "./doctor-check";
import { resolveExperience, unifiedFlagOn, type PhoneTrigger, type ResolvedExperience, type StackExperience } from "./auth0-experience";
import { requiredScopes } from "../../infra/auth0/management-api-scopes";
import { doctorScopes, missingScopes } from "./auth0-scopes";
import type { Read } from "./auth0-session";

/** A check that could not run: what stopped it, and the way to let it run. */
export function notRun(id: string, what: string, problem: string, status?: number): DoctorCheck {
  const next =
    status === 403
      ? "Grant the missing read scope to the stack's Auth0 machine-to-machine application (docs/doctor.md lists them), then run the doctor again."
      : "Run the doctor again when the Auth0 Management API answers; check auth0:domain (or AUTH0_DOMAIN) and the network.";
  return { id, status: "warn", reason: `Could not check ${what}: ${problem}.`, next };
}

const listNames = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(", ");

/**
 * `auth0.token-scopes`: the token carries what `pulumi up`, `refresh` and `destroy` need for the stack
 * (infra/auth0/management-api-scopes.ts, with the monitoring opt-in as given) and what the doctor reads.
 */
export function tokenScopesCheck(
  granted: string[] | undefined,
  experience: ResolvedExperience | undefined,
  monitoring = false,
): DoctorCheck {
  const id = "auth0.token-scopes";
  if (granted === undefined) {
    return {
      id,
      status: "warn",
      reason:
        "The Management API token carries no readable `scope` claim, so its scopes could not be compared with what `pulumi up` needs.",
      next: "Check the application's grant on the Auth0 Management API (Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications).",
    };
  }
  // Unresolved (auto, flag unreadable): classic's scopes are needed either way, unified's only if
  // auto picks unified, so those are a warning.
  const basis = experience ?? "classic";
  const missingForProgram = missingScopes(requiredScopes({ experience: basis, monitoring }), granted);
  const missingForDoctor = missingScopes(doctorScopes(basis), granted).filter((scope) => !missingForProgram.includes(scope));
  if (experience === undefined) {
    const missingIfUnified = missingScopes(requiredScopes({ experience: "unified", monitoring }), granted).filter(
      (scope) => !missingForProgram.includes(scope),
    );
    missingForDoctor.push(...missingIfUnified.filter((scope) => !missingForDoctor.includes(scope)));
  }
  if (missingForProgram.length > 0) {
    return {
      id,
      status: "fail",
      reason: `The token lacks scopes \`pulumi up\`, \`refresh\` or \`destroy\` need for the ${basis} experience${monitoring ? " with monitoring" : ""} (an update would stop half-way): ${missingForProgram.join(", ")}${missingForDoctor.length > 0 ? `; the doctor also lacks ${missingForDoctor.join(", ")}` : ""}.`,
      next: `Grant ${[...missingForProgram, ...missingForDoctor].join(", ")} to the stack's machine-to-machine application on the Auth0 Management API.`,
    };
  }
  if (missingForDoctor.length > 0) {
    return {
      id,
      status: "warn",
      reason:
        experience === undefined
          ? `The token has the scopes \`pulumi up\` needs for classic, but lacks ${missingForDoctor.join(", ")}, which the doctor's reads or a unified deployment (auto on a tenant whose flag is on) need.`
          : `The token has every scope \`pulumi up\` needs (${basis}), but lacks the doctor's read scope ${missingForDoctor.join(", ")}: the checks that need it cannot run.`,
      next: `Grant ${missingForDoctor.join(", ")} to the stack's machine-to-machine application (read-only).`,
    };
  }
  return {
    id,
    status: "pass",
    reason: `The token carries every scope \`pulumi up\`, \`refresh\` and \`destroy\` (${basis}${monitoring ? " with monitoring" : ""}) and the doctor need.`,
    next: "",
  };
}

/** `auth0.phone-experience`: the tenant's `phone_consolidated_experience` fits the stack's experience. */
export function phoneExperienceCheck(stack: StackExperience, flag: Read<boolean | undefined>): DoctorCheck {
  const id = "auth0.phone-experience";
  if (!flag.ok) return notRun(id, "the tenant's Unified Phone Experience flag (phone_consolidated_experience)", flag.problem, flag.status);
  const on = unifiedFlagOn(flag.value);
  const stated = flag.value === undefined ? "unset (on for new tenants)" : on ? "on" : "off";
  if (stack === "auto") {
    const picked = resolveExperience(stack, flag.value);
    return {
      id,
      status: "pass",
      reason: `phone_consolidated_experience is ${stated}: phoneExperience auto will deploy the ${picked} experience.`,
      next: "",
    };
  }
  if (stack === "classic" && on) {
    return {
      id,
      status: "fail",
      reason: `phone_consolidated_experience is ${stated}, but the stack's phoneExperience is classic: Auth0's Guardian resource refuses the phone provider ("provider or options cannot be specified when phone consolidated experience is enabled for tenant").`,
      next: "Set phoneExperience to unified (or auto) for this stack, or turn the tenant's Unified Phone Experience off, then run the doctor again.",
    };
  }
  if (stack === "unified" && !on) {
    return {
      id,
      status: "fail",
      reason:
        "phone_consolidated_experience is off, but the stack's phoneExperience is unified: the tenant's phone provider does not route MFA SMS while the flag is off.",
      next: "Set phoneExperience to classic (or auto) for this stack, or turn the tenant's Unified Phone Experience on, then run the doctor again.",
    };
  }
  return { id, status: "pass", reason: `phone_consolidated_experience is ${stated}, which fits phoneExperience ${stack}.`, next: "" };
}

/** Recognises the stack's own sender Action: by the deployed id when known, else by its name. */
export interface OwnAction {
  id: string | undefined;
  name: string;
}

export function isOwnAction(own: OwnAction, action: { id?: string | undefined; name?: string | undefined } | undefined): boolean {
  if (action === undefined) return false;
  if (own.id !== undefined && action.id === own.id) return true;
  return action.name === own.name;
}

function bindingName(binding: Management.ActionBinding): string {
  return binding.action?.name ?? binding.display_name ?? binding.id ?? "(unnamed)";
}

/**
 * `auth0.trigger-bindings`: the program's TriggerActions owns the whole binding list of its trigger,
 * so `pulumi up` unbinds every other Action bound there. Bindings on the other phone trigger do not
 * deliver this stack's MFA SMS; they are named for information.
 */
export function triggerBindingsCheck(
  trigger: PhoneTrigger,
  bindings: Read<Management.ActionBinding[]>,
  otherTrigger: PhoneTrigger,
  otherBindings: Read<Management.ActionBinding[]>,
  own: OwnAction,
): DoctorCheck {
  const id = "auth0.trigger-bindings";
  if (!bindings.ok) return notRun(id, `the Actions bound to ${trigger}`, bindings.problem, bindings.status);
  const foreign = bindings.value.filter((binding) => !isOwnAction(own, binding.action)).map(bindingName);
  const otherForeign = otherBindings.ok ? otherBindings.value.filter((binding) => !isOwnAction(own, binding.action)).map(bindingName) : [];
  const aside =
    otherForeign.length > 0 ? ` Also bound to ${otherTrigger} (not used by this stack's experience): ${listNames(otherForeign)}.` : "";
  if (foreign.length > 0) {
    return {
      id,
      status: "warn",
      reason: `Other Actions are bound to ${trigger}: ${listNames(foreign)}; \`pulumi up\` binds only "${own.name}" there and unbinds them.${aside}`,
      next: `If ${listNames(foreign)} must keep running on ${trigger}, stop before \`pulumi up\`; otherwise nothing to do (two senders would mean two SMS per code).`,
    };
  }
  return { id, status: "pass", reason: `No other Action is bound to ${trigger}.${aside}`, next: "" };
}

/**
 * `auth0.phone-provider` (unified): a tenant has at most one phone provider, and the Auth0 provider's
 * PhoneProvider create takes over an existing one (terraform-provider-auth0
 * internal/auth0/branding/resource_phone_provider.go createPhoneProvider, commit
 * a00b69214a6c1daef76cf89d25ece690c7f9db22). After a deployment it must be the enabled `custom` one.
 */
export function phoneProviderCheck(providers: Read<Management.PhoneProviderSchemaMasked[]>, deployed: boolean): DoctorCheck {
  const id = "auth0.phone-provider";
  if (!providers.ok) return notRun(id, "the tenant's phone provider", providers.problem, providers.status);
  const [provider] = providers.value;
  if (!deployed) {
    if (provider === undefined)
      return { id, status: "pass", reason: "The tenant has no phone provider yet: `pulumi up` creates the custom one.", next: "" };
    return {
      id,
      status: "warn",
      reason: `The tenant already has a phone provider (${provider.name}${provider.disabled === true ? ", disabled" : ""}): \`pulumi up\` takes it over and makes it the custom provider, so every phone message it sends (MFA, passwordless) goes through the sender Action, and \`pulumi destroy\` deletes it.`,
      next: "If something else relies on that provider, move it first; otherwise nothing to do.",
    };
  }
  if (provider === undefined) {
    return {
      id,
      status: "fail",
      reason: "The tenant has no phone provider: MFA SMS have no way out.",
      next: "Run `pulumi up` for this stack.",
    };
  }
  if (provider.name !== "custom") {
    return {
      id,
      status: "fail",
      reason: `The tenant's phone provider is ${provider.name}, not custom: MFA SMS do not reach the sender Action.`,
      next: "Run `pulumi up` for this stack (it sets the custom provider), or `pulumi refresh` if it was changed by hand.",
    };
  }
  if (provider.disabled === true) {
    return {
      id,
      status: "fail",
      reason: "The tenant's custom phone provider is disabled: no MFA SMS are sent.",
      next: "Run `pulumi up` for this stack (it enables the provider).",
    };
  }
  return { id, status: "pass", reason: "The tenant's phone provider is the enabled custom provider.", next: "" };
}

/** `auth0.custom-phone-provider-actions` (unified): a tenant allows one custom-phone-provider Action. */
export function customPhoneProviderActionsCheck(actions: Read<Management.Action[]>, own: OwnAction): DoctorCheck {
  const id = "auth0.custom-phone-provider-actions";
  if (!actions.ok) return notRun(id, "the tenant's custom-phone-provider Actions", actions.problem, actions.status);
  const foreign = actions.value.filter((action) => !isOwnAction(own, action)).map((action) => action.name ?? action.id ?? "(unnamed)");
  if (foreign.length > 0) {
    return {
      id,
      status: "fail",
      reason: `The tenant already has a custom-phone-provider Action: ${listNames(foreign)}; a tenant allows only one, so the stack cannot create "${own.name}".`,
      next: `Delete ${listNames(foreign)} (Dashboard → Actions → Library) once nothing depends on it, or use the classic experience.`,
    };
  }
  return { id, status: "pass", reason: "No other custom-phone-provider Action exists in the tenant.", next: "" };
}

/**
 * The Guardian factors the provider writes only when they change from the stack's state: `email`,
 * `otp` and `recovery_code` are plain booleans defaulting to false, and updateEmailFactor,
 * updateOTPFactor and updateRecoveryCodeFactor return unless `HasChange` (terraform-provider-auth0
 * v1.53.0 internal/auth0/guardian/expand.go; createGuardian is updateGuardian, resource.go). On create
 * the state holds false, so a factor the stack turns off is never sent (the provider's recorded create
 * in test/data/recordings/TestAccGuardianPush.yaml writes the policy and push only); later it is sent
 * only after a refresh has read it as on. The key is the stack config key, the value the factor's Management API name.
 */
export const UNWRITTEN_OFF_FACTORS = { factorEmail: "email", factorOtp: "otp", factorRecoveryCode: "recovery-code" } as const;
export type UnwrittenOffFactorKey = keyof typeof UNWRITTEN_OFF_FACTORS;

/**
 * `auth0.guardian-factors`: no factor the stack turns off is on in the tenant, since `pulumi up` would
 * leave it on (the first deployment never sends it; a deployed stack only after `pulumi refresh`).
 */
export function guardianFactorsCheck(
  stackFactors: Readonly<Record<UnwrittenOffFactorKey, boolean>>,
  tenantFactors: Read<Management.GuardianFactor[]>,
): DoctorCheck {
  const id = "auth0.guardian-factors";
  if (!tenantFactors.ok) return notRun(id, "the tenant's MFA factors", tenantFactors.problem, tenantFactors.status);
  const onInTenant = new Set(tenantFactors.value.filter((factor) => factor.enabled === true).map((factor) => factor.name));
  const leftOn = (Object.keys(UNWRITTEN_OFF_FACTORS) as UnwrittenOffFactorKey[]).filter(
    (key) => !stackFactors[key] && onInTenant.has(UNWRITTEN_OFF_FACTORS[key]),
  );
  if (leftOn.length === 0) {
    return { id, status: "pass", reason: "No MFA factor the stack turns off (email, OTP, recovery code) is on in the tenant.", next: "" };
  }
  const names = leftOn.map((key) => `${UNWRITTEN_OFF_FACTORS[key]} (${key}: false)`).join(", ");
  return {
    id,
    status: "fail",
    reason: `The tenant has ${names} on, but the stack turns ${leftOn.length === 1 ? "it" : "them"} off: Auth0's Guardian resource writes email, OTP and recovery codes only when they change from the stack's state, so a first \`pulumi up\` leaves ${leftOn.length === 1 ? "it" : "them"} on (and on a deployed stack only \`pulumi up --refresh\` turns ${leftOn.length === 1 ? "it" : "them"} off).`,
    next: `Either set ${leftOn.map((key) => `${key}: true`).join(", ")} to keep ${leftOn.length === 1 ? "it" : "them"}, or turn ${leftOn.length === 1 ? "it" : "them"} off in the Dashboard (Security → Multi-factor Auth); on a deployed stack, \`pulumi up --refresh\` does it.`,
  };
}
