// Captures everything written through console.* while a test runs (the Action's log lines, and any
// warning the SDK prints), so tests can read what an operator would see in Auth0's execution logs.
import { format } from "node:util";

const METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;
type ConsoleMethod = (typeof METHODS)[number];

export interface CapturedLine {
  method: ConsoleMethod;
  text: string;
}

export interface ConsoleCapture {
  lines: CapturedLine[];
  /** Every captured line's text, joined by newlines. */
  text(): string;
  /** The lines written with console.log (the Action's outcome lines). */
  logLines(): string[];
  restore(): void;
}

/** Replaces the console methods until restore(); the lines are kept, nothing is printed. */
export function captureConsole(): ConsoleCapture {
  const lines: CapturedLine[] = [];
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of METHODS) {
    originals.set(method, console[method]);
    console[method] = (...args: unknown[]) => {
      lines.push({ method, text: format(...args) });
    };
  }
  return {
    lines,
    text: () => lines.map((line) => line.text).join("\n"),
    logLines: () => lines.filter((line) => line.method === "log").map((line) => line.text),
    restore: () => {
      for (const [method, original] of originals) console[method] = original;
    },
  };
}
