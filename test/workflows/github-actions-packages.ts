/**
 * Loads GitHub's own workflow parser and expression evaluator (`@actions/workflow-parser`,
 * `@actions/expressions`, both ESM-only) from our CommonJS TypeScript, and wraps the two calls the
 * workflow tests need: schema validation of a workflow file, and evaluation of an `if:` condition.
 */
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

type WorkflowParser = typeof import("@actions/workflow-parser", { with: { "resolution-mode": "import" } });
type Expressions = typeof import("@actions/expressions", { with: { "resolution-mode": "import" } });

let hookRegistered = false;

/**
 * The parser imports its bundled JSON schema without `with { type: "json" }`, which Node (20 and 22 alike) refuses;
 * json-import-hook.mjs supplies that attribute for the package's own JSON files only.
 */
function registerJsonImportHook(): void {
  if (hookRegistered) return;
  register(pathToFileURL(path.join(__dirname, "json-import-hook.mjs")));
  hookRegistered = true;
}

export async function loadWorkflowParser(): Promise<WorkflowParser> {
  registerJsonImportHook();
  return import("@actions/workflow-parser");
}

export async function loadExpressions(): Promise<Expressions> {
  return import("@actions/expressions");
}

/** Every error GitHub's parser reports for a workflow file (schema, expressions, contexts), as text. */
export async function workflowSchemaErrors(fileName: string, content: string): Promise<string[]> {
  const parser = await loadWorkflowParser();
  const parsed = parser.parseWorkflow({ name: fileName, content }, new parser.NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || parsed.value === undefined) {
    return errors.length > 0 ? errors : [`${fileName}: the parser returned no workflow`];
  }
  // Conversion adds the checks that need the whole workflow (job ids, needs, matrix, ...).
  const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  return (template.errors ?? []).map((error) => error.Message);
}

/** What an expression sees: plain JSON values for `github`, `inputs`, `steps`, `env`, ... */
export type ExpressionContext = Record<string, unknown>;

/** Evaluates one expression (without `${{ }}`) as the runner would, coerced to a string. */
export async function evaluateExpression(expression: string, context: ExpressionContext): Promise<string> {
  const expressions = await loadExpressions();
  const lexed = new expressions.Lexer(expression).lex();
  const tree = new expressions.Parser(lexed.tokens, Object.keys(context), []).parse();
  const data = JSON.parse(JSON.stringify(context), expressions.data.reviver) as InstanceType<Expressions["data"]["Dictionary"]>;
  return new expressions.Evaluator(tree, data).evaluate().coerceString();
}

/**
 * Whether an `if:` condition holds (`${{ }}` optional). Status functions such as `success()` are not
 * supported: our conditions do not use them.
 */
export async function conditionHolds(condition: string, context: ExpressionContext): Promise<boolean> {
  const bare = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  return (await evaluateExpression(`!!(${bare})`, context)) === "true";
}

/** A string value with `${{ ... }}` parts, as the runner renders it (e.g. a concurrency group). */
export async function interpolate(template: string, context: ExpressionContext): Promise<string> {
  let rendered = "";
  let rest = template;
  for (let match = /\$\{\{([\s\S]*?)\}\}/.exec(rest); match !== null; match = /\$\{\{([\s\S]*?)\}\}/.exec(rest)) {
    rendered += rest.slice(0, match.index) + (await evaluateExpression(match[1] ?? "", context));
    rest = rest.slice(match.index + match[0].length);
  }
  return rendered + rest;
}
