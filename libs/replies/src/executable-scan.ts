/** Bytes kept between two chunks, so that a header split across them is still seen whole. */
const OVERLAP = 0x1000 + 64;
/** Where the PE header of a Windows executable may start (`e_lfanew`), from its `MZ` header. */
const PE_OFFSET_MIN = 0x40;
const PE_OFFSET_MAX = 0x1000;

const MZ = Buffer.from('MZ', 'latin1');
const PE = Buffer.from('PE\u0000\u0000', 'latin1');
const ELF = Buffer.from('\u007fELF', 'latin1');

/**
 * Looks for an executable image anywhere in a stream of bytes fed chunk by chunk: a Windows (PE)
 * executable, an `MZ` header whose `e_lfanew` points at a `PE\0\0` signature, or an ELF header
 * (`\x7fELF`, a 32- or 64-bit class, a byte order and version 1). The headers checked beyond the two
 * magic bytes make a match by chance in compressed or image data practically impossible.
 */
export class ExecutableScanner {
  private carry = Buffer.alloc(0);
  private found: string | null = null;

  push(chunk: Buffer): void {
    if (this.found) {
      return;
    }
    const window = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const settled = Math.max(0, window.length - OVERLAP);
    this.found = executableIn(window, settled);
    this.carry = Buffer.from(window.subarray(settled));
  }

  /** What was found, once every chunk was pushed: a description of the executable, or null. */
  end(): string | null {
    this.found ??= executableIn(this.carry, this.carry.length);
    this.carry = Buffer.alloc(0);
    return this.found;
  }
}

/** An executable found in a whole buffer, or null (see ExecutableScanner). */
export function findExecutable(bytes: Buffer): string | null {
  const scanner = new ExecutableScanner();
  scanner.push(bytes);
  return scanner.end();
}

/** An executable header starting before `before` in `bytes` (whose checks may read past it), or null. */
function executableIn(bytes: Buffer, before: number): string | null {
  for (let at = bytes.indexOf(MZ); at >= 0 && at < before; at = bytes.indexOf(MZ, at + 1)) {
    if (at + 64 <= bytes.length) {
      const offset = bytes.readUInt32LE(at + 60);
      const pe = at + offset;
      if (
        offset >= PE_OFFSET_MIN &&
        offset < PE_OFFSET_MAX &&
        pe + PE.length <= bytes.length &&
        bytes.subarray(pe, pe + PE.length).equals(PE)
      ) {
        return 'a Windows executable';
      }
    }
  }
  for (let at = bytes.indexOf(ELF); at >= 0 && at < before; at = bytes.indexOf(ELF, at + 1)) {
    const [elfClass, order, version] = [bytes[at + 4], bytes[at + 5], bytes[at + 6]];
    if ((elfClass === 1 || elfClass === 2) && (order === 1 || order === 2) && version === 1) {
      return 'an ELF executable';
    }
  }
  return null;
}
