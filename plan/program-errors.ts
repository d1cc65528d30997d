/**
 * Turns what a failed program reported into the message a person needs: the program's own error
 * (for example a configuration validation message), without terminal colours, without the runner's
 * preface and, unless asked, without stack frames.
 */

// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;
const STACK_FRAME = /^\s+at\s/;
const PREFACE = /^Running program '[^']*' failed with an unhandled exception:\s*/;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, "");
}

/** One error diagnostic → readable text. */
export function cleanProgramError(message: string, verbose: boolean): string {
  let text = stripAnsi(message).trim();
  if (!verbose) {
    text = text.replace(PREFACE, "");
    // util.inspect prints the message, then the frames, then the error's own properties: keep the message.
    const lines = text.split("\n");
    const firstFrame = lines.findIndex((line) => STACK_FRAME.test(line));
    text = (firstFrame === -1 ? lines : lines.slice(0, firstFrame)).join("\n").trim();
    // util.inspect prints "Error: message" for thrown Errors; keep the message itself.
    text = text.replace(/^Error: /, "");
  }
  return text;
}

/** Output lines Node or ts-node print that say nothing about the program. */
export function isRunnerNoise(line: string): boolean {
  return line.trim() === "" || /^\(Use `node --trace-/.test(line) || /ExperimentalWarning/.test(line);
}
