/**
 * The SMS texts Auth0 renders before handing them to the sender. Both phone experiences use Liquid
 * templates with the one-time code as `{{code}}`; they differ in how the tenant's name is reached:
 * the classic Guardian templates use `{{tenant.friendly_name}}`, the Unified Phone Experience
 * templates `{{friendly_name}}`.
 */
import type { LocalizedMessages, MessageKind, PhoneExperience } from "../config/stack-config-types";

export interface MessageTemplates {
  enrollmentMessage: string;
  verificationMessage: string;
}

/** Auth0's own default texts for each experience. */
export const DEFAULT_MESSAGE_TEMPLATES: Record<PhoneExperience, MessageTemplates> = {
  classic: {
    enrollmentMessage: "{{code}} is your verification code for {{tenant.friendly_name}}. Please enter this code to verify your enrollment.",
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

/**
 * The longest one-time code Auth0 puts in an MFA SMS: 6 digits (Universal Login's mfa-phone-challenge
 * screen: "We will send a 6-digit code", auth0.com/docs/customize/login-pages/universal-login/customize-text-elements).
 */
export const LONGEST_CODE = "123456";

/** The Liquid variables holding the tenant's friendly name, by experience (first: the one to write). */
export const FRIENDLY_NAME_VARIABLES: Record<PhoneExperience, readonly string[]> = {
  classic: ["tenant.friendly_name", "tenant.friendlyName"],
  unified: ["friendly_name"],
};

/** Every Liquid output `{{ ... }}` and tag `{% ... %}` of a template. */
const LIQUID_MARKUP = /\{\{-?\s*(.*?)\s*-?\}\}|\{%-?[\s\S]*?-?%\}/g;

/** What one piece of a text's Liquid markup stands for when the SMS is measured before sending. */
type Markup = { kind: "code" } | { kind: "friendly-name" } | { kind: "unknown"; source: string };

function classifyMarkup(source: string, variable: string | undefined, experience: PhoneExperience): Markup {
  if (variable === "code") return { kind: "code" };
  if (variable !== undefined && FRIENDLY_NAME_VARIABLES[experience].includes(variable)) return { kind: "friendly-name" };
  return { kind: "unknown", source };
}

/**
 * Liquid markup in `template` whose rendered length cannot be known before sending (anything but
 * the code and the experience's friendly-name variable), each with a hint when there is one.
 */
export function unmeasurableMarkup(template: string, experience: PhoneExperience): { markup: string; hint?: string }[] {
  const found: { markup: string; hint?: string }[] = [];
  for (const match of template.matchAll(LIQUID_MARKUP)) {
    const markup = classifyMarkup(match[0], match[1], experience);
    if (markup.kind !== "unknown") continue;
    const other = experience === "classic" ? "unified" : "classic";
    const variable = match[1];
    const hint =
      variable !== undefined && FRIENDLY_NAME_VARIABLES[other].includes(variable)
        ? `the ${experience} phone experience names the tenant {{${FRIENDLY_NAME_VARIABLES[experience][0]}}}`
        : undefined;
    found.push(hint === undefined ? { markup: markup.source } : { markup: markup.source, hint });
  }
  return found;
}

/** `template` as Auth0 would render it with the longest code and `friendlyName` (other markup left as is). */
export function renderForMeasure(template: string, experience: PhoneExperience, friendlyName: string): string {
  return template.replace(LIQUID_MARKUP, (source: string, variable: string | undefined) => {
    const markup = classifyMarkup(source, variable, experience);
    return markup.kind === "code" ? LONGEST_CODE : markup.kind === "friendly-name" ? friendlyName : source;
  });
}

/*
 * One Liquid template per MFA message choosing its text by the request's `locale`, for both phone
 * experiences: docs/messages.md has Auth0's sources, the order of the choice and the Liquid it may use.
 */

/** Names of the template's own variables, unlikely to shadow one of Auth0's. */
const LOCALE_VARIABLE = "mfa_sms_locale";
const LANGUAGE_VARIABLE = "mfa_sms_language";

/**
 * The template for one message: `defaultText` alone when no language has a text, otherwise a Liquid
 * choice by locale. Tags must be canonical (`fr`, `pt-BR`: see localized-messages.ts).
 */
export function localizedTemplate(defaultText: string, messages: LocalizedMessages, kind: MessageKind): string {
  const tags = Object.keys(messages);
  if (tags.length === 0) return defaultText;
  // Region tags first, so that `pt-BR` wins over `pt` for a Brazilian request.
  const ordered = [...tags.filter((tag) => tag.includes("-")), ...tags.filter((tag) => !tag.includes("-"))];
  const branches = ordered.map((tag, index) => {
    const variable = tag.includes("-") ? LOCALE_VARIABLE : LANGUAGE_VARIABLE;
    const text = messages[tag]?.[kind] ?? defaultText;
    return `{%- ${index === 0 ? "if" : "elsif"} ${variable} == "${tag.toLowerCase()}" -%}${text}`;
  });
  return (
    `{%- assign ${LOCALE_VARIABLE} = locale | default: "" | downcase | replace: "_", "-" -%}` +
    `{%- assign ${LANGUAGE_VARIABLE} = ${LOCALE_VARIABLE} | split: "-" | first -%}` +
    branches.join("") +
    `{%- else -%}${defaultText}{%- endif -%}`
  );
}

/** Both messages' templates from the default texts and the localized ones. */
export function localizedTemplates(defaults: MessageTemplates, messages: LocalizedMessages): MessageTemplates {
  return {
    enrollmentMessage: localizedTemplate(defaults.enrollmentMessage, messages, "enrollment"),
    verificationMessage: localizedTemplate(defaults.verificationMessage, messages, "verification"),
  };
}
