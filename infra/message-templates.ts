/**
 * The SMS texts Auth0 renders before handing them to the sender. Both phone experiences use Liquid
 * templates with the one-time code as `{{code}}`; they differ in how the tenant's name is reached:
 * the classic Guardian templates use `{{tenant.friendly_name}}`, the Unified Phone Experience
 * templates `{{friendly_name}}`.
 */
import type { PhoneExperience } from "./stack-config-types";

export interface MessageTemplates {
  enrollmentMessage: string;
  verificationMessage: string;
}

/** Auth0's own default texts for each experience. */
export const DEFAULT_MESSAGE_TEMPLATES: Record<PhoneExperience, MessageTemplates> = {
  classic: {
    enrollmentMessage:
      "{{code}} is your verification code for {{tenant.friendly_name}}. Please enter this code to verify your enrollment.",
    verificationMessage: "{{code}} is your verification code for {{tenant.friendly_name}}",
  },
  unified: {
    enrollmentMessage: "{{code}} is your verification code for {{friendly_name}}. Please enter this code to verify your enrollment.",
    verificationMessage: "{{code}} is your verification code for {{friendly_name}}",
  },
};

/** `{{code}}`, `{{ code }}`, `{{- code -}}` or `{{ code | ... }}`: Liquid output of the code variable. */
const CODE_PLACEHOLDER = /\{\{-?\s*code\s*(\|[^}]*)?-?\}\}/;

export function hasCodePlaceholder(template: string): boolean {
  return CODE_PLACEHOLDER.test(template);
}
