import { crc32 } from 'node:zlib';

/** A ZIP archive of stored (uncompressed) entries, named and with the given content (empty by default). */
export function zipOf(entries: Array<string | [string, Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const [name, content] = typeof entry === 'string' ? [entry, Buffer.alloc(0)] : entry;
    const bytes = Buffer.from(name, 'utf8');
    const checksum = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(bytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(content.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(bytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, bytes, content);
    centrals.push(central, bytes);
    offset += local.length + bytes.length + content.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The smallest Windows executable header the checks recognise: `MZ`, `e_lfanew` = 0x80, `PE\0\0` there. */
export function windowsExecutable(): Buffer {
  const image = Buffer.alloc(0x200, 0x90);
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(0x80, 60);
  image.write('PE\u0000\u0000', 0x80, 'latin1');
  return image;
}
