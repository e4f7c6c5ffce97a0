import i18next from 'i18next';

/** The receipt-printer panel's texts, registered under `printerSetup` (kept with the panel). */
const id = {
  title: '6. Printer struk antrian',
  intro:
    'Printer termal (ESC/POS) untuk kartu antrian. Pilih port, simpan, lalu cetak halaman uji dan periksa hasilnya.',
  port: 'Port serial',
  portHint: 'Pilih dari daftar, atau ketik jalurnya (mis. /dev/ttyUSB0 atau COM3).',
  detected: 'Port terdeteksi',
  detectedNone: 'Tidak ada port serial terdeteksi — ketik jalurnya.',
  choosePort: '— pilih port —',
  refreshPorts: 'Cari ulang port',
  baud: 'Kecepatan (baud)',
  width: 'Lebar kertas',
  width32: '58 mm (32 huruf)',
  width48: '80 mm (48 huruf)',
  codePage: 'Tabel karakter (code page)',
  codePageHint:
    'Bila huruf é ü ñ pada halaman uji tercetak salah, coba tabel lain. "Tanpa aksen" cocok untuk semua printer.',
  cp: {
    ascii: 'Tanpa aksen (semua printer)',
    pc437: 'PC437 (bawaan Epson dan tiruannya)',
    wpc1252: 'WPC1252 (Windows Latin)',
  },
  save: 'Simpan',
  saving: 'Menyimpan…',
  test: 'Simpan & cetak halaman uji',
  testing: 'Mencetak…',
  remove: 'Tidak pakai printer',
  saved: 'Pengaturan printer disimpan. Berlaku untuk cetakan berikutnya, tanpa memulai ulang.',
  removed: 'Printer struk tidak dipakai. Kartu antrian dicetak dari PDF.',
  printed:
    'Halaman uji terkirim ({{bytes}} byte). Periksa: baris angka muat satu baris, dan huruf é ü ñ tercetak benar.',
  pathMissing: 'Isi port printer dulu.',
  current: 'Saat ini',
  none: 'Belum diatur',
  lastError: 'Galat terakhir',
};

type Strings = typeof id;

const en: Strings = {
  title: '6. Queue receipt printer',
  intro:
    'Thermal (ESC/POS) printer for queue cards. Choose the port, save, then print a test page and check it.',
  port: 'Serial port',
  portHint: 'Choose from the list, or type the path (e.g. /dev/ttyUSB0 or COM3).',
  detected: 'Detected ports',
  detectedNone: 'No serial port detected — type the path.',
  choosePort: '— choose a port —',
  refreshPorts: 'Search ports again',
  baud: 'Speed (baud)',
  width: 'Paper width',
  width32: '58 mm (32 characters)',
  width48: '80 mm (48 characters)',
  codePage: 'Character table (code page)',
  codePageHint:
    'If é ü ñ come out wrong on the test page, try another table. "No accents" works on every printer.',
  cp: {
    ascii: 'No accents (every printer)',
    pc437: 'PC437 (Epson default and clones)',
    wpc1252: 'WPC1252 (Windows Latin)',
  },
  save: 'Save',
  saving: 'Saving…',
  test: 'Save & print test page',
  testing: 'Printing…',
  remove: 'Use no printer',
  saved: 'Printer settings saved. They apply to the next print, no restart needed.',
  removed: 'No receipt printer. Queue cards are printed from the PDF.',
  printed:
    'Test page sent ({{bytes}} bytes). Check: the row of digits fits on one line, and é ü ñ print correctly.',
  pathMissing: 'Enter the printer port first.',
  current: 'Now',
  none: 'Not set up',
  lastError: 'Last error',
};

let registered = false;
export function registerPrinterStrings(): void {
  if (registered) return;
  i18next.addResourceBundle('id', 'translation', { printerSetup: id }, true, true);
  i18next.addResourceBundle('en', 'translation', { printerSetup: en }, true, true);
  registered = true;
}
