export type AddonKind = 'abi' | 'napi' | 'other';
export function classifyAddon(bytes: Uint8Array): AddonKind;
export interface NativeModule {
  name: string;
  dir: string;
  abiStable: boolean;
  addons: { file: string; kind: AddonKind }[];
}
export function nativeModules(repo: string, packageDirs?: string[]): NativeModule[];
