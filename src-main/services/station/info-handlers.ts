// What the station says about itself (app and station info, the region pickers, the audit
// list) and the interface language it is set to.
import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AppInfo } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Locale } from '../../domain/i18n';
import { databasePath } from '../../store/db';
import type { KeyProvider } from '../../store/key-file';
import { schemaVersion } from '../../store/migrate';
import { setSetting } from '../../store/settings-repo';
import { getStation } from '../../store/station-repo';
import type { Audit } from '../common/audit';
import { msg } from '../common/messages';
import type { Handlers } from './dispatch';
import type { RegionCache } from './region-cache';
import { SETTING_LOCALE } from './session-handlers';

type InfoMethod =
  | 'app.info'
  | 'station.info'
  | 'prefs.setLocale'
  | 'regions.children'
  | 'regions.lookup'
  | 'audit.list';

export interface InfoHandlerDeps {
  db: Database;
  dataDir: string;
  host: 'electron' | 'browser';
  version: string;
  keySource: KeyProvider['source'];
  audit: Audit;
  locale: () => Locale;
  setLocale: (locale: Locale) => void;
  regions: RegionCache;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function createInfoHandlers(deps: InfoHandlerDeps): Pick<Handlers, InfoMethod> {
  const { db, audit } = deps;
  const { regions, regionName } = deps.regions;
  return {
    'app.info': () => {
      const st = getStation(db);
      const info: AppInfo = {
        version: deps.version,
        host: deps.host,
        setupDone: st !== null,
        station: st
          ? {
              id: st.id,
              name: st.name,
              kecamatanCode: st.kecamatanCode,
              kecamatanName: regionName(st.kecamatanCode),
            }
          : null,
        locale: deps.locale(),
      };
      return ok(info);
    },

    'regions.children': (input) => {
      const idx = regions();
      return idx
        ? ok(idx.children(input.parent))
        : fail('INTERNAL', msg(deps.locale(), 'regionsUnavailable'));
    },
    'regions.lookup': (input) => {
      const idx = regions();
      return idx
        ? ok(idx.lookup(input.code))
        : fail('INTERNAL', msg(deps.locale(), 'regionsUnavailable'));
    },

    'audit.list': (input) => ok(audit.list(input.limit ?? 100)),

    'station.info': () => {
      const path = databasePath(deps.dataDir);
      return ok({
        dataDir: deps.dataDir,
        databaseBytes: fileSize(path) + fileSize(`${path}-wal`),
        schemaVersion: schemaVersion(db),
        encrypted: true,
        keySource: deps.keySource,
        host: deps.host,
        version: deps.version,
        node: process.versions.node,
      });
    },

    'prefs.setLocale': (input, { actor }) => {
      db.transaction(() => {
        setSetting(db, SETTING_LOCALE, input.locale);
        audit.record(actor, 'prefs.locale', input.locale);
      })();
      deps.setLocale(input.locale);
      return ok(null);
    },
  };
}
