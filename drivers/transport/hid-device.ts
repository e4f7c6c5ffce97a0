/**
 * The slice of node-hid's `HID` class the driver uses. The real transport
 * (drivers/transport/hid.ts) returns node-hid's object; the simulators implement the same shape
 * and speak the device's real report bytes, since this machine offers no virtual HID device.
 */
export interface HidDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- node-hid's EventEmitter signature
  removeListener(event: 'data' | 'error', listener: (...args: any[]) => void): unknown;
  write(values: number[] | Buffer): number;
  // Synchronous in node-hid's HID class and the simulators; a promise when the device lives in
  // another process (drivers/device-manager/remote-hid.ts).
  getFeatureReport(reportId: number, reportLength: number): number[] | Promise<number[]>;
  sendFeatureReport(data: number[] | Buffer): number | Promise<number>;
  close(): void;
}
