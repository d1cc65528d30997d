// Node module hook (see loadWorkflowParser in workflow-parser.ts): @actions/workflow-parser imports its
// bundled JSON schema without `with { type: "json" }`, which Node (20 and 22 alike) refuses. This hook loads any
// .json file inside that package as a JSON module; every other import is left to Node.
export async function load(url, context, nextLoad) {
  if (url.includes("/@actions/workflow-parser/") && url.endsWith(".json")) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
  }
  return nextLoad(url, context);
}
