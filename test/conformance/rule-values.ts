/**
 * Small pure helpers the provider rules are written with: reading a property path, telling values a
 * run cannot show (secrets, values known only after apply) from data, and the common value checks.
 * A check returns the problem as a sentence, or undefined when the value conforms.
 */

/** A value the check cannot see: the plan's secret/unknown markers, Pulumi's secret wrapper or unknown sentinel. */
const PULUMI_SECRET_KEY = "4dabf18193072939515e22adb298388d";
const PULUMI_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const PULUMI_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Removes Pulumi's secret wrappers (the engine under mocks receives them); the data stays. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (!isRecord(value)) return value;
  if (value[PULUMI_SECRET_KEY] === PULUMI_SECRET_SIG) return unwrapSecrets(value["value"]);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unwrapSecrets(item)]));
}

/** Whether the value, or anything inside it, is hidden from the check (secret or unknown). */
export function containsHidden(value: unknown): boolean {
  if (value === PULUMI_UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsHidden);
  if (!isRecord(value)) return false;
  const marker = value["$plan"];
  if (marker === "secret" || marker === "unknown" || marker === "resource") return true;
  if (value[PULUMI_SECRET_KEY] === PULUMI_SECRET_SIG) return true;
  return Object.values(value).some(containsHidden);
}

/** The value at a dotted path ("phone.options.enrollmentMessage"); undefined when a step is missing. */
export function valueAt(inputs: Record<string, unknown>, path: string): unknown {
  let current: unknown = inputs;
  for (const step of path.split(".")) {
    if (!isRecord(current)) return undefined;
    current = current[step];
  }
  return current;
}

export type Check = (value: unknown) => string | undefined;

export function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Absent (undefined or null) passes; anything else must pass `check`. */
export function optional(check: Check): Check {
  return (value) => (value === undefined || value === null ? undefined : check(value));
}

/** Absent fails with "is required"; anything else must pass `check`. */
export function required(check: Check): Check {
  return (value) => (value === undefined || value === null ? "is required" : check(value));
}

/** Every check in turn; the first problem wins. */
export function all(...checks: Check[]): Check {
  return (value) => {
    for (const check of checks) {
      const problem = check(value);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

export function isString(value: unknown): string | undefined {
  return typeof value === "string" ? undefined : `must be a string (got ${describe(value)})`;
}

export function isBoolean(value: unknown): string | undefined {
  return typeof value === "boolean" ? undefined : `must be true or false (got ${describe(value)})`;
}

/** A string of `min`-`max` characters (code points, as AWS counts them) matching `pattern` (whole string). */
export function text(options: { min: number; max: number; pattern?: RegExp; patternText?: string }): Check {
  return (value) => {
    if (typeof value !== "string") return `must be a string (got ${describe(value)})`;
    const length = [...value].length;
    if (length < options.min || length > options.max) {
      return `must be ${options.min}-${options.max} characters (got ${length}: ${describe(value)})`;
    }
    if (options.pattern !== undefined && !options.pattern.test(value)) {
      return `${describe(value)} does not match ${options.patternText ?? String(options.pattern)}`;
    }
    return undefined;
  };
}

export function oneOf(allowed: readonly string[]): Check {
  return (value) =>
    typeof value === "string" && allowed.includes(value) ? undefined : `must be one of ${allowed.join(", ")} (got ${describe(value)})`;
}

/** An integer from `min` to `max`; `asString` accepts the decimal text of one (fields the provider types as strings). */
export function integer(options: { min: number; max?: number; asString?: boolean }): Check {
  return (value) => {
    const number = options.asString === true && typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof number !== "number" || !Number.isInteger(number)) {
      return `must be ${options.asString === true ? "the decimal text of " : ""}an integer (got ${describe(value)})`;
    }
    if (number < options.min || (options.max !== undefined && number > options.max)) {
      return `must be from ${options.min}${options.max === undefined ? " up" : ` to ${options.max}`} (got ${number})`;
    }
    return undefined;
  };
}

export function isFiniteNumber(value: unknown): string | undefined {
  return typeof value === "number" && Number.isFinite(value) ? undefined : `must be a number (got ${describe(value)})`;
}

/** A list of at most `max` (and at least `min`) items, each passing `item`. */
export function list(options: { min?: number; max?: number; item?: Check }): Check {
  return (value) => {
    if (!Array.isArray(value)) return `must be a list (got ${describe(value)})`;
    if (options.min !== undefined && value.length < options.min) return `must have at least ${options.min} item(s) (got ${value.length})`;
    if (options.max !== undefined && value.length > options.max) return `must have at most ${options.max} item(s) (got ${value.length})`;
    for (const [index, item] of value.entries()) {
      const problem = options.item?.(item);
      if (problem !== undefined) return `item ${index}: ${problem}`;
    }
    return undefined;
  };
}

/** An object whose listed fields pass their checks; fields not listed are refused (the provider has no such field). */
export function object(fields: Record<string, Check>): Check {
  return (value) => {
    if (!isRecord(value)) return `must be an object (got ${describe(value)})`;
    for (const key of Object.keys(value)) {
      if (!(key in fields)) return `has field ${key}, which the provider schema does not have`;
    }
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key]);
      if (problem !== undefined) return `${key} ${problem}`;
    }
    return undefined;
  };
}

/** `arn:partition:service:region:account:resource` (the AWS provider's verify.ValidARN shape). */
export const ARN = text({
  min: 1,
  max: 2048,
  pattern: /^arn:[\w-]+:[\w-]+:[\w-]*:\d{0,12}:.+$/,
  patternText: "an ARN (arn:partition:service:region:account:resource)",
});

/** A JSON text that parses to an object. */
export function jsonObject(value: unknown): Record<string, unknown> | string {
  if (typeof value !== "string") return `must be a JSON string (got ${describe(value)})`;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : "must be a JSON object";
  } catch {
    return "is not valid JSON";
  }
}

/** Characters of a policy document that count toward IAM's size quotas (whitespace is not counted). */
export function policyCharacters(document: string): number {
  return document.replace(/\s/g, "").length;
}

/**
 * An IAM policy document: JSON, Version 2012-10-17, every statement with an Effect, an Action or
 * NotAction, and (identity policies) a Resource or NotResource, (trust policies) a Principal; at most
 * `maxCharacters` non-whitespace characters.
 */
export function iamPolicyDocument(options: { kind: "identity" | "trust"; maxCharacters: number }): Check {
  return (value) => {
    const document = jsonObject(value);
    if (typeof document === "string") return document;
    if (document["Version"] !== "2012-10-17") return `Version must be "2012-10-17" (got ${describe(document["Version"])})`;
    const statements = Array.isArray(document["Statement"]) ? (document["Statement"] as unknown[]) : [document["Statement"]];
    for (const [index, statement] of statements.entries()) {
      if (!isRecord(statement)) return `Statement ${index} must be an object`;
      if (statement["Effect"] !== "Allow" && statement["Effect"] !== "Deny") return `Statement ${index}: Effect must be Allow or Deny`;
      if ((statement["Action"] === undefined) === (statement["NotAction"] === undefined))
        return `Statement ${index}: exactly one of Action and NotAction`;
      if (options.kind === "identity" && (statement["Resource"] === undefined) === (statement["NotResource"] === undefined)) {
        return `Statement ${index}: exactly one of Resource and NotResource`;
      }
      if (options.kind === "identity" && (statement["Principal"] !== undefined || statement["NotPrincipal"] !== undefined)) {
        return `Statement ${index}: an identity policy has no Principal`;
      }
      if (options.kind === "trust" && statement["Principal"] === undefined)
        return `Statement ${index}: a trust policy statement needs a Principal`;
    }
    const size = policyCharacters(value as string);
    if (size > options.maxCharacters) return `is ${size} characters without whitespace; the quota is ${options.maxCharacters}`;
    return undefined;
  };
}

/** AWS tags: at most `maxTags`; keys 1-128 and values 0-256 characters of `characters`; no `aws:` key prefix. */
export function awsTags(options: { maxTags: number; characters: RegExp; charactersText: string }): Check {
  return (value) => {
    if (!isRecord(value)) return `must be a map of tag keys to values (got ${describe(value)})`;
    const entries = Object.entries(value);
    if (entries.length > options.maxTags) return `has ${entries.length} tags; at most ${options.maxTags}`;
    for (const [key, tagValue] of entries) {
      const keyLength = [...key].length;
      if (keyLength < 1 || keyLength > 128) return `tag key ${describe(key)} must be 1-128 characters`;
      if (!options.characters.test(key)) return `tag key ${describe(key)} has a character outside ${options.charactersText}`;
      if (key.toLowerCase().startsWith("aws:")) return `tag key ${describe(key)} uses the reserved aws: prefix`;
      if (typeof tagValue !== "string") return `tag ${key} must have a string value (got ${describe(tagValue)})`;
      if ([...tagValue].length > 256) return `tag ${key}'s value must be at most 256 characters`;
      if (tagValue !== "" && !options.characters.test(tagValue)) {
        return `tag ${key}'s value ${describe(tagValue)} has a character outside ${options.charactersText}`;
      }
    }
    return undefined;
  };
}

export const EMAIL = text({ min: 3, max: 320, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, patternText: "an email address" });
