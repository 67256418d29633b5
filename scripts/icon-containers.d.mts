// Types for icon-containers.mjs (plain ESM so make-icons.mjs runs under bare node).
export declare const ICNS_TYPES: ReadonlyArray<{ type: string; size: number }>;
export declare const ICO_SIZES: readonly number[];
export declare function encodeIco(pngsBySize: Map<number, Buffer>): Buffer;
export declare function encodeIcns(pngsBySize: Map<number, Buffer>): Buffer;
export declare function readIcoDirectory(ico: Buffer): Array<{ width: number; bytes: number; offset: number; data: Buffer }>;
export declare function readIcnsElements(icns: Buffer): Array<{ type: string; data: Buffer }>;
