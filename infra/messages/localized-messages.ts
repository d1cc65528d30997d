/**
 * Reads the `localizedMessages` config value: a JSON object keyed by language tag (`fr`, `es`,
 * `pt-BR`), each holding the `enrollment` and `verification` texts for that language. Pure: returns
 * the texts and the problems found, each problem without the key name (the caller prefixes it).
 */
import { hasCodePlaceholder } from "./message-templates";
import type { LocalizedMessages, MessageKind } from "../config/stack-config-types";

export const MESSAGE_KINDS: readonly MessageKind[] = ["enrollment", "verification"];

/** A language subtag (2-3 letters, lowercase) and an optional region (2 letters uppercase, or 3 digits). */
const LANGUAGE_TAG = /^([a-z]{2,3})(?:-([A-Z]{2}|\d{3}))?$/;

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/** The canonical BCP 47 form of `tag` when the runtime can read it, e.g. `fr-CA` for `fr_ca`. */
function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, "-"))[0];
  } catch {
    return undefined;
  }
}

/**
 * Why `tag` is not a language tag this project can match, or undefined when it is one: a language
 * known to CLDR (Intl.DisplayNames), optionally a region known to CLDR, in canonical form.
 */
export function languageTagProblem(tag: string, hidden?: string): string | undefined {
  const shown = hidden ?? JSON.stringify(tag);
  const canonical = canonicalTag(tag);
  const parts = LANGUAGE_TAG.exec(tag);
  if (parts === null || (canonical !== undefined && canonical !== tag)) {
    const suggestion =
      hidden === undefined && canonical !== undefined && canonical !== tag && LANGUAGE_TAG.test(canonical)
        ? `; did you mean "${canonical}"?`
        : "";
    return `${shown} is not a language tag: use a language code with an optional region, e.g. "fr" or "pt-BR"${suggestion}`;
  }
  const [, language, region] = parts;
  if (language === undefined || languageNames.of(language) === undefined)
    return `${shown}: unknown language${hidden === undefined ? ` "${language}"` : ""}`;
  if (region !== undefined && regionNames.of(region) === undefined)
    return `${shown}: unknown region${hidden === undefined ? ` "${region}"` : ""}`;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `raw` is the config value: JSON text (Pulumi hands every value over as a string); empty = none.
 * `hidden`: what a problem shows instead of a malformed tag when the value is a secret.
 */
export function parseLocalizedMessages(raw: string | undefined, hidden?: string): { messages: LocalizedMessages; problems: string[] } {
  const problems: string[] = [];
  const messages: Record<string, Record<MessageKind, string>> = {};
  const text = raw?.trim() ?? "";
  if (text === "") return { messages, problems };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) {
    problems.push('must be a JSON object keyed by language tag, e.g. {"fr": {"enrollment": "…{{code}}…", "verification": "…{{code}}…"}}');
    return { messages, problems };
  }
  for (const [tag, entry] of Object.entries(parsed)) {
    const tagProblem = languageTagProblem(tag, hidden);
    if (tagProblem !== undefined) {
      problems.push(tagProblem);
      continue;
    }
    if (!isRecord(entry)) {
      problems.push(`${tag}: must be an object with "enrollment" and "verification" texts`);
      continue;
    }
    for (const key of Object.keys(entry)) {
      if (!(MESSAGE_KINDS as readonly string[]).includes(key))
        problems.push(`${tag}: unknown message "${key}"; use enrollment and verification`);
    }
    const texts: Partial<Record<MessageKind, string>> = {};
    for (const kind of MESSAGE_KINDS) {
      const value = entry[kind];
      if (typeof value !== "string" || value.trim() === "") {
        problems.push(`${tag} ${kind}: the text is missing or empty`);
        continue;
      }
      if (!hasCodePlaceholder(value)) {
        problems.push(`${tag} ${kind}: has no {{code}} placeholder, so the SMS would not contain the one-time code`);
      }
      texts[kind] = value.trim();
    }
    if (MESSAGE_KINDS.every((kind) => texts[kind] !== undefined)) messages[tag] = texts as Record<MessageKind, string>;
  }
  return { messages, problems };
}
