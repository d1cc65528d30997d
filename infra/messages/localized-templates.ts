/**
 * One Liquid template per MFA message that picks its text by the request's `locale`, for both
 * phone experiences (classic Guardian `enrollmentMessage`/`verificationMessage`, unified
 * `otp_enroll`/`otp_verify`): Auth0 passes `locale` to both (auth0.com/docs/customize/customize-sms-or-voice-messages;
 * auth0.com/docs/customize/phone-messages/phone-templates/supported-liquid-syntax: "based on the
 * ui_locales query parameter"). Its form is not pinned down (BCP 47 `fr-CA`, while the unified event
 * shows `en_US`), so the template lowercases it and reads `_` as `-` before comparing.
 * Order: the exact tag (`pt-BR` matches `pt-BR`, `pt_br`), then the language alone (`fr` matches
 * `fr-CA`), then the default text. Each text keeps its own Liquid (`{{code}}`, the friendly name).
 * Uses only tags and filters Auth0 lists for phone templates: assign, if/elsif/else, default,
 * downcase, replace, split, first.
 */
import type { LocalizedMessages, MessageKind } from "../config/stack-config-types";

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

export interface MessageTemplatePair {
  enrollmentMessage: string;
  verificationMessage: string;
}

/** Both messages' templates from the default texts and the localized ones. */
export function localizedTemplates(defaults: MessageTemplatePair, messages: LocalizedMessages): MessageTemplatePair {
  return {
    enrollmentMessage: localizedTemplate(defaults.enrollmentMessage, messages, "enrollment"),
    verificationMessage: localizedTemplate(defaults.verificationMessage, messages, "verification"),
  };
}
