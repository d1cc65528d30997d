/**
 * The names of what the program creates in the Auth0 tenant, in one place: the tenant side
 * (tenant-sms-mfa.ts) names its Action with these, and the doctor looks the Action up by them.
 * `deploymentName` is SmsMfa's `deploymentName` (the stack name in this project's program).
 */
import type { ActionTrigger } from "./action-bundle";
import type { PhoneExperience } from "../config/stack-config-types";

/** The Action trigger each phone experience sends through. */
export function actionTriggerFor(experience: PhoneExperience): ActionTrigger {
  return experience === "classic" ? "send-phone-message" : "custom-phone-provider";
}

/** The Action's name in the tenant, e.g. `sns-sms-sender-prod-send-phone-message`: the deployment, then the trigger. */
export function actionNameFor(deploymentName: string, trigger: ActionTrigger): string {
  return `sns-sms-sender-${deploymentName}-${trigger}`;
}
