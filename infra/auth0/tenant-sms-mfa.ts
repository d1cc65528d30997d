/**
 * The Auth0 side: the sender deployed as an Action, its single binding to the phone trigger, and the
 * switch that routes MFA SMS to it. Classic: the Guardian phone factor with the "phone-message-hook"
 * (Custom) provider and its texts. Unified: a custom PhoneProvider and the OTP phone templates, with
 * the Guardian phone factor enabled without provider fields. The switch depends on the binding, so
 * Auth0 only routes SMS to the Action once it is deployed and bound.
 */
import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { TRIGGER_VERSIONS, type ActionTrigger, type BuiltAction } from "./action-bundle";
import { ACTION_RUNTIME } from "./action-runtime";
import { guardianSettings } from "./guardian-settings";
import type { ActionSecretInput } from "./sender-action-secrets";
import type { GuardianFactors, MfaPolicy, PhoneExperience } from "../config/stack-config-types";

export interface TenantSmsMfaArgs {
  /** The SmsMfa instance's name: the prefix of every child's logical name. */
  instanceName: string;
  /** Base of the Action's name in the tenant. */
  deploymentName: string;
  phoneExperience: PhoneExperience;
  mfaPolicy: MfaPolicy;
  factors: GuardianFactors;
  enrollmentMessage: string;
  verificationMessage: string;
  /** The sender, built from hook/ for this experience's trigger. */
  action: Promise<BuiltAction>;
  secrets: pulumi.Input<pulumi.Input<ActionSecretInput>[]>;
  /** Protect the Action, its binding and the MFA switch from deletion. */
  protect: boolean;
}

/** The Action trigger each phone experience sends through. */
export function actionTriggerFor(experience: PhoneExperience): ActionTrigger {
  return experience === "classic" ? "send-phone-message" : "custom-phone-provider";
}

/**
 * The Action's name in the tenant, e.g. `sns-sms-sender-prod-send-phone-message`: the deployment, then
 * the trigger (`deploymentName` is SmsMfa's; the doctor looks the Action up by it).
 */
export function actionNameFor(deploymentName: string, trigger: ActionTrigger): string {
  return `sns-sms-sender-${deploymentName}-${trigger}`;
}

/**
 * Logical names per trigger: the Management API refuses to change an Action's trigger and the provider
 * updates `supported_triggers` in place (terraform-provider-auth0 internal/auth0/action/resource.go: no
 * ForceNew), so a switch of experience creates a second Action and binding, moves the MFA switch to
 * them, and deletes the old binding and Action at the end of the update.
 */
export function actionResourceName(trigger: ActionTrigger, instanceName: string): string {
  return `${instanceName}-sms-sender-${trigger}`;
}

export function bindingResourceName(trigger: ActionTrigger, instanceName: string): string {
  return `${instanceName}-sms-sender-binding-${trigger}`;
}

export class TenantSmsMfa extends pulumi.ComponentResource {
  readonly actionId: pulumi.Output<string>;
  readonly actionName: pulumi.Output<string>;

  constructor(name: string, args: TenantSmsMfaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sns-mfa:auth0:TenantSmsMfa", name, {}, opts);
    const trigger = actionTriggerFor(args.phoneExperience);
    const built = pulumi.output(args.action);
    const instance = args.instanceName;
    const longLived = { parent: this, protect: args.protect };

    const action = new auth0.Action(
      actionResourceName(trigger, instance),
      {
        name: actionNameFor(args.deploymentName, trigger),
        runtime: ACTION_RUNTIME,
        deploy: true,
        supportedTriggers: { id: trigger, version: TRIGGER_VERSIONS[trigger] },
        code: built.code,
        dependencies: built.dependencies,
        secrets: pulumi.secret(args.secrets),
      },
      longLived,
    );
    // TriggerActions owns the trigger's whole binding list: exactly this Action, so one SMS per code
    // (any other Action bound to the trigger is unbound).
    const binding = new auth0.TriggerActions(
      bindingResourceName(trigger, instance),
      { trigger, actions: [{ id: action.id, displayName: action.name }] },
      longLived,
    );

    // The MFA switch waits for the deployed, bound Action (and, unified, the provider and texts).
    const switchDependsOn: pulumi.Resource[] = [action, binding];
    if (args.phoneExperience === "unified") {
      const provider = new auth0.PhoneProvider(
        `${instance}-custom-phone-provider`,
        { name: "custom", disabled: false, configuration: { deliveryMethods: ["text"] }, credentials: {} },
        { ...longLived, dependsOn: [action, binding] },
      );
      switchDependsOn.push(provider);
      for (const [type, text] of [
        ["otp_enroll", args.enrollmentMessage],
        ["otp_verify", args.verificationMessage],
      ] as const) {
        const templateName = `phone-template-${type.replace("_", "-")}`;
        const template = new auth0.BrandingPhoneNotificationTemplate(
          `${instance}-${templateName}`,
          { type, disabled: false, content: { body: { text } } },
          { ...longLived, dependsOn: [provider] },
        );
        switchDependsOn.push(template);
      }
    }
    new auth0.Guardian(`${instance}-mfa`, guardianSettings(args), { ...longLived, dependsOn: switchDependsOn });

    this.actionId = action.id;
    this.actionName = action.name;
    this.registerOutputs({ actionId: this.actionId, actionName: this.actionName });
  }
}
