/**
 * The Auth0 half of `npm run doctor`: reads the tenant through Auth0's Node SDK with the stack's
 * Management API credentials (GET requests only, after the one token request) and judges what would
 * stop MFA SMS. A read that cannot run becomes a `warn` naming why; a domain that cannot be reached at
 * all is a DoctorCredentialsError (nothing was checked). Nothing here changes the tenant.
 */
import type { Management } from "auth0";
import type { DeployedStack, DoctorCheck } from "./doctor-check";
import { AUTH0_CHECKS } from "./auth0-check-ids";
import {
  PHONE_TRIGGERS,
  resolveExperience,
  senderActionName,
  triggerFor,
  type PhoneTrigger,
  type StackExperience,
} from "./auth0-experience";
import { logStreamCheck } from "./monitoring-checks";
import { allItems, openSession, read, resolveCredentials, type ManagementSession, type Read } from "./auth0-session";
import {
  customPhoneProviderActionsCheck,
  guardianFactorsCheck,
  notRun,
  phoneExperienceCheck,
  phoneProviderCheck,
  tokenScopesCheck,
  triggerBindingsCheck,
  type OwnAction,
  type UnwrittenOffFactorKey,
} from "./auth0-tenant-checks";
import {
  actionBoundCheck,
  actionDeployedCheck,
  actionSecretsCheck,
  mfaMessageTypesCheck,
  mfaPhoneFactorCheck,
  mfaPhoneProviderCheck,
} from "./auth0-deployment-checks";

export { DoctorCredentialsError } from "./auth0-session";

export interface Auth0DoctorInput {
  /** The stack's `auth0:domain` (empty: AUTH0_DOMAIN); host or host:port. */
  domain: string;
  /** The stack's `auth0:clientId` (empty: AUTH0_CLIENT_ID). */
  clientId: string;
  /** The stack's `auth0:clientSecret` (empty: AUTH0_CLIENT_SECRET); never printed. */
  clientSecret: string;
  /** The stack's `auth0:audience` (empty or absent: AUTH0_AUDIENCE, else https://DOMAIN/api/v2/). */
  audience?: string;
  phoneExperience: StackExperience;
  /** The stack's factorEmail, factorOtp and factorRecoveryCode (the factors a first `pulumi up` never turns off). */
  factors: Record<UnwrittenOffFactorKey, boolean>;
  /** The monitoring opt-in (an auth0.LogStream): its scopes are required too. Default off. */
  monitoring?: boolean;
  stack: string;
  /** The stack's outputs when it was deployed; the deployment checks run only then. */
  deployed?: DeployedStack;
  /** The Action secret names the stack sets (infra/auth0/sender-action-secrets.ts). */
  expectedSecretNames: string[];
  env: NodeJS.ProcessEnv;
}

const TRIGGER_BINDINGS_ID = "auth0.trigger-bindings";

/** Every check of a run whose tenant answered but issued no token (5xx, rate limit): each says why it did not run. */
function withoutTokenChecks(problem: string, input: Auth0DoctorInput): DoctorCheck[] {
  const token: DoctorCheck = {
    id: "auth0.token",
    status: "warn",
    reason: `Could not get a Management API token: ${problem}.`,
    next: "Run the doctor again in a few minutes; if it persists, check Auth0's status page and the tenant's logs.",
  };
  const rest = AUTH0_CHECKS.filter(({ id }) => id !== "auth0.token")
    .filter(({ id }) => applies(id, input.phoneExperience === "auto" ? undefined : input.phoneExperience, input.deployed !== undefined))
    .map(({ id }) => ({ id, status: "warn" as const, reason: `Not run: no Management API token (${problem}).`, next: token.next }));
  return [token, ...rest];
}

/** Whether a check belongs to a run: unified-only and deployment checks only where they apply. */
function applies(id: string, experience: "classic" | "unified" | undefined, deployed: boolean): boolean {
  if (id === "auth0.phone-provider" || id === "auth0.custom-phone-provider-actions") return experience !== "classic";
  if (id === "auth0.mfa-phone-provider") return deployed && experience !== "unified";
  if (id.startsWith("auth0.action-") || id.startsWith("auth0.mfa-")) return deployed;
  return true;
}

async function bindingsOf(session: ManagementSession, trigger: PhoneTrigger): Promise<Read<Management.ActionBinding[]>> {
  return read(`/api/v2/actions/triggers/${trigger}/bindings`, async () =>
    allItems(await session.client.actions.triggers.bindings.list(trigger)),
  );
}

/** The deployed sender Action: by id when the stack output has it, else by its name. */
async function findAction(session: ManagementSession, own: OwnAction): Promise<Read<Management.Action | undefined>> {
  if (own.id !== undefined) {
    const id = own.id;
    return read(`/api/v2/actions/actions/${id}`, async () => session.client.actions.get(id));
  }
  return read("/api/v2/actions/actions", async () => {
    const actions = await allItems(await session.client.actions.list({ actionName: own.name }));
    return actions.find((action) => action.name === own.name);
  });
}

export async function auth0Checks(input: Auth0DoctorInput): Promise<DoctorCheck[]> {
  const credentials = resolveCredentials(input);
  const opened = await openSession(credentials);
  if (!opened.ok) return withoutTokenChecks(opened.problem, input);
  const { session } = opened;
  const checks: DoctorCheck[] = [
    {
      id: "auth0.token",
      status: "pass",
      reason: `https://${credentials.domain}/oauth/token issued a Management API token to client ${credentials.clientId}.`,
      next: "",
    },
  ];

  const flag = await read(
    "/api/v2/tenants/settings",
    async () => (await session.client.tenants.settings.get()).phone_consolidated_experience,
  );
  const experience = input.phoneExperience !== "auto" ? input.phoneExperience : flag.ok ? resolveExperience("auto", flag.value) : undefined;
  checks.push(tokenScopesCheck(session.grantedScopes, experience, input.monitoring));
  checks.push(phoneExperienceCheck(input.phoneExperience, flag));
  const factors = await read("/api/v2/guardian/factors", async () => {
    const factors: unknown = await session.client.guardian.factors.list();
    if (!Array.isArray(factors)) throw new Error("the answer is not a list of factors");
    return factors as Management.GuardianFactor[];
  });
  checks.push(guardianFactorsCheck(input.factors, factors));
  if (input.monitoring === true) {
    const streams = await read("/api/v2/log-streams", async () => session.client.logStreams.list());
    checks.push(logStreamCheck(streams, input.stack, input.deployed !== undefined));
  }

  const bindingReads = await Promise.all(PHONE_TRIGGERS.map(async (trigger) => [trigger, await bindingsOf(session, trigger)] as const));
  const bindingsByTrigger = new Map<PhoneTrigger, Read<Management.ActionBinding[]>>(bindingReads);
  const bindingsFor = (trigger: PhoneTrigger): Read<Management.ActionBinding[]> =>
    bindingsByTrigger.get(trigger) ?? { ok: false, status: undefined, problem: `${trigger} was not read` };
  if (experience === undefined) {
    const problem = "phoneExperience is auto and the tenant's flag could not be read, so the stack's trigger is unknown";
    checks.push(notRun(TRIGGER_BINDINGS_ID, "the Actions bound to the stack's phone trigger", problem, flag.ok ? undefined : flag.status));
    return checks;
  }
  const trigger = triggerFor(experience);
  const otherTrigger = PHONE_TRIGGERS.find((candidate) => candidate !== trigger) as PhoneTrigger;
  const own: OwnAction = { id: input.deployed?.actionId, name: input.deployed?.actionName ?? senderActionName(input.stack, trigger) };
  const bindings = bindingsFor(trigger);
  checks.push(triggerBindingsCheck(trigger, bindings, otherTrigger, bindingsFor(otherTrigger), own));

  const deployed = input.deployed !== undefined;
  if (experience === "unified") {
    const [providers, phoneActions] = await Promise.all([
      read("/api/v2/branding/phone/providers", async () => (await session.client.branding.phone.providers.list()).providers ?? []),
      read("/api/v2/actions/actions?triggerId=custom-phone-provider", async () =>
        allItems(await session.client.actions.list({ triggerId: "custom-phone-provider" })),
      ),
    ]);
    checks.push(phoneProviderCheck(providers, deployed));
    checks.push(customPhoneProviderActionsCheck(phoneActions, own));
  }
  if (!deployed) return checks;

  const [action, messageTypes, selectedProvider] = await Promise.all([
    findAction(session, own),
    read(
      "/api/v2/guardian/factors/phone/message-types",
      async () => (await session.client.guardian.factors.phone.getMessageTypes()).message_types ?? [],
    ),
    experience === "classic"
      ? read(
          "/api/v2/guardian/factors/phone/selected-provider",
          async () => (await session.client.guardian.factors.phone.getSelectedProvider()).provider,
        )
      : Promise.resolve(undefined),
  ]);
  checks.push(actionDeployedCheck(action, own));
  checks.push(actionBoundCheck(trigger, bindings, own));
  checks.push(actionSecretsCheck(action, input.expectedSecretNames, own));
  checks.push(mfaPhoneFactorCheck(factors));
  checks.push(mfaMessageTypesCheck(messageTypes));
  if (selectedProvider !== undefined) checks.push(mfaPhoneProviderCheck(selectedProvider));
  return checks;
}
