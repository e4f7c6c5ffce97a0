import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { EventName, EventPayloads, StationBridge } from '../../api/contract';

/**
 * The renderer's only door to main: `window.station`. Sandboxed preloads may only
 * require('electron'), so this file imports nothing else at runtime (types only), and
 * ipcRenderer itself never crosses the bridge — a compromised page could otherwise send on
 * any channel.
 */
const bridge: StationBridge = {
  invoke: (method, input) => ipcRenderer.invoke('rekam:call', method, input),
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as EventPayloads[E]);
    };
    ipcRenderer.on('rekam:event', handler);
    return () => ipcRenderer.removeListener('rekam:event', handler);
  },
};

contextBridge.exposeInMainWorld('station', bridge);
