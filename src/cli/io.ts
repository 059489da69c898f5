/** What a command prints to: permanent lines, and the terminal for live progress and colours. */
import { type Terminal, terminalOf } from '../report/terminal.ts'

/** A command's output. */
export interface CommandIo {
  /** Prints one permanent line (a newline is added). */
  print(line: string): void
  terminal: Terminal
}

/** Output to process.stdout. */
export function processIo(): CommandIo {
  const terminal = terminalOf(process.stdout)
  return { print: (line) => terminal.write(`${line}\n`), terminal }
}

/** Output captured into an array, plain (no colours, no live line): for tests. */
export function captureIo(lines: string[] = []): CommandIo & { lines: string[] } {
  const terminal = terminalOf({ write: (text) => lines.push(text), isTTY: false }, {})
  return { print: (line) => lines.push(`${line}\n`), terminal, lines }
}
