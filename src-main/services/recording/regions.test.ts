import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResident } from '../../domain/validate-resident';
import type { ResidentData } from '../../domain/resident';
import { loadRegionNames, loadRegions, parseRegions, REGIONS_FILE } from './regions';
import type { RegionIndex } from './regions';

const resourcesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources');

describe('loadRegions (committed data)', () => {
  let regions: RegionIndex;
  beforeAll(() => {
    regions = loadRegions(resourcesDir);
  });

  it('holds every level of idn-area-data 3.1.2', () => {
    expect(regions.counts).toEqual({
      provinces: 38,
      regencies: 514,
      districts: 7277,
      villages: 83763,
    });
    expect(regions.children('')).toHaveLength(38);
  });

  it('lists children sorted by code, upper-case names', () => {
    const provinces = regions.children('');
    expect(provinces[0]).toEqual({ code: '11', name: 'ACEH' });
    expect(provinces.map((p) => p.code)).toEqual(provinces.map((p) => p.code).sort());
    expect(provinces.map((p) => p.code)).toContain('96'); // Papua Barat Daya, 2022
    const bogor = regions.children('32.01');
    expect(bogor.length).toBeGreaterThan(30);
    expect(bogor.every((d) => d.code.startsWith('32.01.') && d.name === d.name.toUpperCase())).toBe(
      true,
    );
    expect(regions.children('32.73.01').map((v) => v.code)).toContain('32.73.01.1001');
  });

  it('looks up the full path of a known village', () => {
    expect(regions.lookup('32.73.01.1001')).toEqual({
      province: { code: '32', name: 'JAWA BARAT' },
      regency: { code: '32.73', name: 'KOTA BANDUNG' },
      district: { code: '32.73.01', name: 'SUKASARI' },
      village: { code: '32.73.01.1001', name: 'SUKARASA' },
    });
    expect(regions.name('32.01')).toBe('KABUPATEN BOGOR');
    expect(regions.name('32.01.01')).toBe('CIBINONG');
  });

  it('normalises apostrophes from the source data', () => {
    // The source spells this village Soka"an.
    expect(regions.name('35.13.15.2017')).toBe("SOKA'AN");
  });

  it('handles unknown and malformed codes', () => {
    expect(regions.has('32.01.99')).toBe(false);
    expect(regions.name('32.01.99')).toBeNull();
    expect(regions.children('32.01.99')).toEqual([]);
    expect(regions.lookup('32.01.99')).toEqual({
      province: { code: '32', name: 'JAWA BARAT' },
      regency: { code: '32.01', name: 'KABUPATEN BOGOR' },
      district: null,
      village: null,
    });
    expect(regions.lookup('99')).toEqual({
      province: null,
      regency: null,
      district: null,
      village: null,
    });
    expect(regions.lookup('320101').province).toBeNull();
    expect(regions.lookup('').province).toBeNull();
    expect(regions.has('')).toBe(false);
  });

  it('drives the region checks of validateResident', () => {
    const resident: ResidentData = {
      nik: '3273015505900002', // Sukasari, Kota Bandung; woman born 15-05-90
      kk: '3273010101100003',
      name: 'SITI AMINAH',
      birthPlace: 'BANDUNG',
      birthDate: '1990-05-15',
      sex: 'PEREMPUAN',
      bloodType: 'A',
      address: 'JL. GEGERKALONG HILIR 12',
      rt: '001',
      rw: '002',
      villageCode: '32.73.01.1002',
      religion: 'ISLAM',
      maritalStatus: 'KAWIN',
      occupation: 'GURU',
      citizenship: 'WNI',
    };
    const ctx = {
      today: new Date(2025, 5, 1),
      locale: 'id' as const,
      districtKnown: (c: string) => regions.has(c),
      villageKnown: (c: string) => regions.has(c),
    };
    expect(validateResident(resident, ctx)).toEqual([]);
    const issues = validateResident(
      { ...resident, nik: '3201995505900002', villageCode: '32.73.01.9999' },
      ctx,
    ).map((i) => `${i.field}:${i.severity}:${i.code}`);
    expect(issues).toEqual(['nik:warning:NIK_REGION_UNKNOWN', 'villageCode:error:VILLAGE_UNKNOWN']);
  });

  it('returns copies so callers cannot corrupt the index', () => {
    regions.children('').pop();
    expect(regions.children('')).toHaveLength(38);
  });
});

describe('parseRegions (bad files)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rekam-regions-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a small valid file from disk', () => {
    mkdirSync(join(dir, 'regions'), { recursive: true });
    writeFileSync(
      join(dir, REGIONS_FILE),
      gzipSync('# test\n32\tJAWA BARAT\n32.01\tKABUPATEN BOGOR\n'),
    );
    const r = loadRegions(dir);
    expect(r.children('32')).toEqual([{ code: '32.01', name: 'KABUPATEN BOGOR' }]);
  });

  it('rejects a child listed before its parent, a missing tab and a bad code', () => {
    expect(() => parseRegions('32.01\tKABUPATEN BOGOR\n')).toThrow(/parent/);
    expect(() => parseRegions('32 JAWA BARAT\n')).toThrow(/tab/);
    expect(() => parseRegions('321\tX\n')).toThrow(/code/);
  });

  it('fails loudly when the file is missing or not gzip', () => {
    expect(() => loadRegions(join(dir, 'nope'))).toThrow();
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, 'regions'), { recursive: true });
    writeFileSync(join(bad, REGIONS_FILE), 'not gzip');
    expect(() => loadRegions(bad)).toThrow();
  });
});

describe('compact region names', () => {
  it('names every level like the full index, and nothing for unknown or malformed codes', () => {
    const full = loadRegions(resourcesDir);
    const names = loadRegionNames(resourcesDir);
    for (const code of ['32', '32.01', '32.01.01', '32.01.01.1001', '11', '94.71.02.1001']) {
      expect(names.name(code)).toBe(full.name(code));
    }
    expect(names.name('32.01.01.1001')).toBeTruthy();
    expect(names.name('32.01.99')).toBeNull();
    expect(names.name('')).toBeNull();
    expect(names.name('x')).toBeNull();
  });
});
