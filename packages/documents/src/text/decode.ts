import { DocumentError } from "../errors.ts";

export interface DecodedText {
  text: string;
  warnings: string[];
}

/** Share of control characters (other than tab, newline, carriage return, form feed) that means "binary". */
const MAX_CONTROL_RATIO = 0.01;
const SAMPLE_CHARS = 65_536;

/**
 * Bytes of a text format → a string. UTF-8 (BOM stripped) is expected; a UTF-16 BOM is honoured
 * (Excel's "Unicode text"); bytes that are not valid UTF-8 are read as Windows-1252 (older Excel and
 * Notepad exports) with a warning. Binary data (NUL bytes, control characters) is `corrupt`.
 */
export function decodeText(bytes: Uint8Array, fileLabel: string): DecodedText {
  const warnings: string[] = [];
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = decodeUtf8(bytes.subarray(3), fileLabel);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // Not UTF-8. Binary data is refused below; text is most likely a legacy Western export.
      text = decodeWindows1252(bytes);
      warnings.push("The file is not UTF-8; it was read as Windows-1252 (Western European).");
    }
  }
  if (looksBinary(text)) {
    throw new DocumentError(
      "corrupt",
      `${fileLabel} does not contain text: it looks like a binary file. Check the file and its extension.`,
    );
  }
  return { text, warnings };
}

function decodeUtf8(bytes: Uint8Array, fileLabel: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new DocumentError("corrupt", `${fileLabel} says it is UTF-8 but contains invalid bytes.`, {
      cause,
    });
  }
}

/**
 * Windows-1252 by hand: Node 20's `TextDecoder("windows-1252")` decodes as ISO-8859-1, turning
 * 0x80–0x9F (€, curly quotes, dashes) into invisible C1 controls.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    units[i] = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_80_9F[byte - 0x80]! : byte;
  }
  return new TextDecoder("utf-16le").decode(units);
}

// 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned; WHATWG maps them to the C1 controls.
const WINDOWS_1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    const isControl =
      (code < 0x20 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 0x7f;
    if (isControl) control++;
  }
  return sample.length > 0 && control / sample.length > MAX_CONTROL_RATIO;
}
