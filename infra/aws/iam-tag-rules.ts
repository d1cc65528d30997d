/**
 * AWS's rules for IAM tags, and the tags this project puts on its AWS resources. `CreateUser` and
 * `CreateRole` refuse a tag outside these rules with a ValidationError, so every tag is checked here
 * before it reaches a resource. Source: AWS IAM API Reference, data type `Tag`
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html): Key 1-128 characters, Value
 * 0-256 characters, both matching `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`; at most 50 tags per resource
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); keys starting with
 * `aws:` are reserved for AWS (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
 */

/** Letters, separators (spaces), digits and `_ . : / = + - @`, as in the API reference's pattern. */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const IAM_TAG_LIMITS = { maxTags: 50, keyMinLength: 1, keyMaxLength: 128, valueMaxLength: 256 } as const;

/** Every way `tags` breaks AWS's rules, one sentence each naming the tag; empty when IAM accepts them. */
export function iamTagProblems(tags: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const entries = Object.entries(tags);
  if (entries.length > IAM_TAG_LIMITS.maxTags) problems.push(`${entries.length} tags: IAM allows at most ${IAM_TAG_LIMITS.maxTags}`);
  for (const [key, value] of entries) {
    const length = [...key].length;
    if (length < IAM_TAG_LIMITS.keyMinLength || length > IAM_TAG_LIMITS.keyMaxLength) {
      problems.push(`tag key "${key}": must be ${IAM_TAG_LIMITS.keyMinLength}-${IAM_TAG_LIMITS.keyMaxLength} characters (has ${length})`);
    }
    if (!TAG_CHARACTERS.test(key)) problems.push(`tag key "${key}": only letters, digits, spaces and _ . : / = + - @ are allowed`);
    if (key.toLowerCase().startsWith("aws:")) problems.push(`tag key "${key}": the aws: prefix is reserved for AWS`);
    if ([...value].length > IAM_TAG_LIMITS.valueMaxLength) {
      problems.push(`tag "${key}": the value must be at most ${IAM_TAG_LIMITS.valueMaxLength} characters (has ${[...value].length})`);
    }
    if (!TAG_CHARACTERS.test(value)) problems.push(`tag "${key}": the value may hold only letters, digits, spaces and _ . : / = + - @`);
  }
  return problems;
}

/** `tags`, or an error naming every tag IAM would refuse. */
export function checkedIamTags(tags: Record<string, string>): Record<string, string> {
  const problems = iamTagProblems(tags);
  if (problems.length > 0) throw new Error(`IAM would refuse these tags:\n${problems.join("\n")}`);
  return tags;
}

/** The tag naming the stack a resource belongs to; the deploy role scopes the protect configuration by it. */
export const STACK_TAG = "Stack";

/** The tags every AWS resource of a stack carries; `purpose` says what the resource is for. */
export function stackTags(stack: string, purpose?: string): Record<string, string> {
  return checkedIamTags({ Project: "auth0-sns-mfa", [STACK_TAG]: stack, ...(purpose === undefined ? {} : { Purpose: purpose }) });
}

/** The sender user's Purpose tag (no parentheses, commas or quotes: IAM refuses them). */
export const SENDER_USER_PURPOSE = "Auth0 MFA SMS sender: sns:Publish to phone numbers only";
